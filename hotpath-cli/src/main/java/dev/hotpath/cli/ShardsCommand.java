package dev.hotpath.cli;

import dev.hotpath.db.ReshardPlan;
import dev.hotpath.db.ShardStrategy;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hotpath shards}: sharding tools; {@code plan} tells how many keys a reshard moves. */
@Command(
    name = "shards",
    mixinStandardHelpOptions = true,
    description = {"Plan a database reshard: how many keys move to another shard (see docs/db.md).", ""},
    footerHeading = "%n",
    footer = {
      "Example:",
      "  hotpath shards plan --from 4 --to 5 --strategy all",
      "",
      ExitCodes.HELP_BASIC
    },
    subcommands = {ShardsCommand.Plan.class})
public final class ShardsCommand implements Runnable {
  @Spec @SuppressWarnings("NullAway.Init") CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code hotpath shards plan --from 4 --to 5 --strategy jump --keys 1000000}. */
  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description = {
        "Print the fraction of keys that move to another shard when going from --from to --to shards.",
        "modulo (hash %% n) moves about n/(n+1) of them; jump, ring and rendezvous about 1/(n+1).",
        ""
      },
      footerHeading = "%n",
      footer = {
        "Examples:",
        "  hotpath shards plan --from 4 --to 5                     # jump hash, 1000000 keys",
        "  hotpath shards plan --from 4 --to 5 --strategy all --keys 100000",
        "",
        ExitCodes.HELP_BASIC
      })
  static final class Plan implements Callable<Integer> {
    @Spec @SuppressWarnings("NullAway.Init") CommandSpec spec;

    @Option(names = "--from", required = true, description = "Shards now (1 to 1000000).")
    int from;

    @Option(names = "--to", required = true, description = "Shards after resharding (1 to 1000000).")
    int to;

    @Option(
        names = "--strategy",
        defaultValue = "jump",
        description = "modulo, jump, ring or rendezvous, or 'all' to compare them (default: ${DEFAULT-VALUE}).")
    String strategy = "jump";

    @Option(
        names = "--keys",
        defaultValue = "1000000",
        description = "Keys 0..keys-1 to route (1 to 1000000000, default: ${DEFAULT-VALUE}).")
    long keys = 1_000_000;

    @Override
    public Integer call() {
      if (from < 1 || from > 1_000_000 || to < 1 || to > 1_000_000) {
        throw new UsageError(
            "--from and --to must be shard counts in [1, 1000000], were " + from + " and " + to);
      }
      if (keys < 1 || keys > 1_000_000_000L) {
        throw new UsageError("--keys must be in [1, 1000000000], was " + keys + "; try --keys 1000000");
      }
      List<ShardStrategy> strategies;
      if (strategy.trim().equalsIgnoreCase("all")) {
        strategies = List.of(ShardStrategy.values());
      } else {
        try {
          strategies = List.of(ShardStrategy.parse(strategy));
        } catch (IllegalArgumentException e) {
          throw new UsageError("--strategy: " + e.getMessage() + " (or all)", e);
        }
      }
      var out = spec.commandLine().getOut();
      for (ShardStrategy s : strategies) {
        ReshardPlan plan = ReshardPlan.compute(s, from, to, keys);
        out.println(plan);
        if (strategies.size() == 1) {
          out.printf(Locale.ROOT, "fraction of keys that move: %.4f%n", plan.movedFraction());
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
