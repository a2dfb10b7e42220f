using Benchmarks;

// Benchmarks run on demand, never in the test suite: these machines are shared and noisy.
//   dotnet run -c Release --project tests/Benchmarks -- consolidation [R] (100k items without and with limits, 1M items: the
//                                                                         baseline beside today's, median of R runs, one table)
//   dotnet run -c Release --project tests/Benchmarks -- cpsat           (ours beside CP-SAT, side by side)
//   dotnet run -c Release --project tests/Benchmarks -- verification    (wrk: bare, service, gateway; needs wrk)
//   dotnet run -c Release --project tests/Benchmarks -- proxies         (wrk: direct, nginx, gateway; needs wrk and nginx)
//   dotnet run -c Release --project tests/Benchmarks -- sign-in [N]     (wrong password, unknown user, locked account: timing ratios)
//   dotnet run -c Release --project tests/Benchmarks -- exports [F] [C]   (a year's ledgers, F filings and C cases, as xlsx,
//                                                                         and the year's reform report as PDF:
//                                                                         time and the service's peak memory per export)
//   dotnet run -c Release --project tests/Benchmarks -- pipeline N C [R] (N filings, C concurrent, through the whole platform;
//                                                                         then, with R, the same paced at R filings/s;
//                                                                         then ./run.sh to ready; a table against the goals;
//                                                                         --ready-to-run: the deployables published
//                                                                         ReadyToRun first, as an image could ship them)
switch (args.FirstOrDefault())
{
    case "verification":
        await VerificationBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 10);
        break;
    case "pipeline":
        var numbers = args.Skip(1).Where(a => !a.StartsWith("--")).Select(int.Parse).ToArray();
        if (args.Contains("--ready-to-run")) await PipelineBenchmark.PublishReadyToRunAsync();
        await PipelineBenchmark.RunAsync(numbers.Length > 0 ? numbers[0] : 2000, numbers.Length > 1 ? numbers[1] : 16, numbers.Length > 2 ? numbers[2] : null);
        break;
    case "exports":
        await ExportBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 20_000, args.Length > 2 ? int.Parse(args[2]) : 2_000);
        break;
    case "sign-in":
        await SignInBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 300);
        break;
    case "bare-yarp":
        await ProxyBenchmark.RunBareYarpAsync(new Uri(args[1]), int.Parse(args[2]));
        break;
    case "proxies":
        await ProxyBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 10);
        break;
    case "cpsat":
        AgainstCpSat.Run(args.Length > 1 ? int.Parse(args[1]) : 40);
        break;
    default:
        ConsolidationBenchmark.Run(args.Skip(1).ToArray());
        break;
}
