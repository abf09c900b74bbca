namespace DealTracker.Benchmarks;

public sealed record Options(string Server, IReadOnlyList<int> Sizes, string Output, int Pages, string Command,
    string Mode = "board", int Operations = 10_000, int Workers = 4, bool SizesGiven = false)
{
    /// <summary>Board circuits per run of <c>--mode circuits</c>.</summary>
    public IReadOnlyList<int> Circuits { get; init; } = [100, 500, 1_000];

    /// <summary>Seconds of moves (one a second) per run of <c>--mode circuits</c>.</summary>
    public int Seconds { get; init; } = 60;

    public static Options? Parse(string[] args)
    {
        IReadOnlyList<int> circuits = [100, 500, 1_000];
        var seconds = 60;
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
            return null;
        var sizes = new List<int> { 1_000, 10_000, 100_000 };
        var output = "docs/benchmarks.md";
        var pages = 20;
        var mode = "board";
        var operations = 10_000;
        var workers = 4;
        var sizesGiven = false;
        for (var i = 1; i < args.Length - 1; i += 2)
        {
            switch (args[i])
            {
                case "--sizes": sizes = [.. args[i + 1].Split(',').Select(int.Parse).Order()]; sizesGiven = true; break;
                case "--out": output = args[i + 1]; break;
                case "--pages": pages = int.Parse(args[i + 1]); break;
                case "--mode" when args[i + 1] is "board" or "invariants" or "search" or "import" or "history" or "circuits" or "export" or "memory": mode = args[i + 1]; break;
                case "--operations": operations = int.Parse(args[i + 1]); break;
                case "--workers": workers = int.Parse(args[i + 1]); break;
                case "--circuits": circuits = [.. args[i + 1].Split(',').Select(int.Parse).Order()]; break;
                case "--seconds": seconds = Math.Clamp(int.Parse(args[i + 1]), 1, 600); break;
                default: return null;
            }
        }
        var command = Environment.GetEnvironmentVariable("DEALTRACKER_BENCH_COMMAND") ?? "bash scripts/benchmarks.sh";
        return new Options(args[0], sizes, output, pages, command, mode, operations, workers, sizesGiven)
        {
            Circuits = circuits,
            Seconds = seconds,
        };
    }
}
