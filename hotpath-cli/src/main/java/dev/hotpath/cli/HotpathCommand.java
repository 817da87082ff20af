package dev.hotpath.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hotpath} command. Each tool is a subcommand; this class only wires them, sets the
 * exit codes of {@link ExitCodes} and turns user errors into one line without a stack trace.
 */
@Command(
    name = "hotpath",
    mixinStandardHelpOptions = true,
    versionProvider = HotpathCommand.Version.class,
    description = {
      "Performance engineering for JVM backends: measure, find the bottleneck, fix it, verify.",
      ""
    },
    sortOptions = false,
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    footerHeading = "%n",
    footer = {
      "Examples:",
      "  hotpath load --rate 100 --duration 30s --out base.json http://127.0.0.1:8080/",
      "  hotpath compare base.json new.json --fail-on 'p99>+10%%'",
      "  hotpath profile 4242 --seconds 30 -o flame.html",
      "",
      "Exit codes: 0 ok, 1 a significant regression (compare --fail-on), 2 bad input, 3 failure while running,"
          + " 99 a threshold failed, 130 interrupted.",
      "",
      "Run 'hotpath COMMAND --help' for a command's options and examples. Shell completion: source <(hotpath"
          + " generate-completion)."
    },
    subcommands = {
      AutoComplete.GenerateCompletion.class,
      ProfileCommand.class,
      LoadCommand.class,
      ReportCommand.class,
      CompareCommand.class,
      MergeCommand.class,
      ShardsCommand.class,
      DemoCommand.class,
    })
public final class HotpathCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  @Override
  public void run() {
    // No subcommand: show what there is.
    if (spec != null) {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  /** Builds the command line with every subcommand and hotpath's error handling. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new HotpathCommand());
    // typed options, one grammar: every Duration flag reads 250ms, 30s, 1m30s, 2h
    cl.registerConverter(java.time.Duration.class, new DurationConverter());
    cl.registerConverter(dev.hotpath.load.StartAt.class, new StartAtConverter());
    // -d @body.json is ours to read: picocli would otherwise replace it with the file's words
    cl.setExpandAtFiles(false);
    cl.setExitCodeExceptionMapper(ex -> ExitCodes.FAILURE);
    cl.setParameterExceptionHandler(new UsageErrorHandler());
    cl.setExecutionExceptionHandler(new RunErrorHandler());
    CommandLine completion = Objects.requireNonNull(cl.getSubcommands().get("generate-completion"));
    completion.getCommandSpec().usageMessage().hidden(false); // picocli hides it by default
    completion.getCommandSpec().usageMessage().footer(
        "Example:", "  source <(hotpath generate-completion)    # in ~/.bashrc or ~/.zshrc", ExitCodes.HELP_BASIC);
    HelpLayout.install(cl);
    return cl;
  }

  public static void main(String[] args) {
    // slf4j-simple: only what a user should see from the libraries underneath
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    // Netty's leak detector records a stack trace for every 128th buffer: 1.2% of a load run's event
    // loop (docs/benchmarks.md, issue 15). The engine's buffer handling is checked by its tests, which
    // keep the detector on; -Dio.netty.leakDetection.level=simple turns it back on here.
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      System.setProperty("io.netty.leakDetection.level", "disabled");
    }
    System.exit(commandLine().execute(args));
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties p = new Properties();
      try (InputStream in = HotpathCommand.class.getResourceAsStream("/hotpath-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {
        "hotpath " + p.getProperty("version", "unknown"),
        "JVM: ${java.version} (${java.vendor} ${java.vm.name})",
        "OS: ${os.name} ${os.version} ${os.arch}"
      };
    }
  }
}
