using Svf.Benchmarks;

// End-to-end harness by default (see bench/README.md); "--micro" runs the BenchmarkDotNet micro-benchmarks instead.
if (args.Length > 0 && args[0] == "--micro")
{
    return Micro.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "--large-file")
{
    return LargeFile.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "--skr-large-file")
{
    return SkrLargeFile.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "--national-report")
{
    return NationalReportBench.Run(args[1..]);
}
return EndToEnd.Run(args);
