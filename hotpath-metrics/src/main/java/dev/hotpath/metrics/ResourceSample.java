package dev.hotpath.metrics;

/**
 * One reading of the process's resources. Counters (CPU time, GC, I/O) are cumulative since the
 * process started; {@code processCpu} and {@code systemCpu} are utilisation over the interval since
 * the sampler's previous reading. A figure the platform does not expose is -1.
 *
 * @param timestampNanos ticker reading when taken
 * @param processCpu this process's CPU use since the previous sample, 0 to 1 of all cores
 * @param systemCpu the whole machine's recent CPU load, 0 to 1 (-1 if unknown)
 * @param processCpuNanos CPU time used by this process so far
 * @param heapUsed heap bytes in use
 * @param heapCommitted heap bytes committed
 * @param heapMax maximum heap bytes (-1 if undefined)
 * @param nonHeapUsed non-heap bytes in use (metaspace, code cache, ...)
 * @param gcCount collections so far, all collectors
 * @param gcTimeMillis time spent collecting so far, all collectors
 * @param threads live threads
 * @param openFileDescriptors open file descriptors (-1 off Unix)
 * @param diskReadBytes bytes read from storage so far ({@code /proc/self/io}; -1 elsewhere)
 * @param diskWriteBytes bytes written to storage so far ({@code /proc/self/io}; -1 elsewhere)
 * @param netReceivedBytes bytes received on all interfaces, loopback included ({@code /proc/net/dev}; -1 elsewhere)
 * @param netSentBytes bytes sent on all interfaces, loopback included ({@code /proc/net/dev}; -1 elsewhere)
 */
public record ResourceSample(
    long timestampNanos,
    double processCpu,
    double systemCpu,
    long processCpuNanos,
    long heapUsed,
    long heapCommitted,
    long heapMax,
    long nonHeapUsed,
    long gcCount,
    long gcTimeMillis,
    int threads,
    long openFileDescriptors,
    long diskReadBytes,
    long diskWriteBytes,
    long netReceivedBytes,
    long netSentBytes) {}
