using System.Text.RegularExpressions;

namespace DealTracker.Benchmarks;

/// <summary>
/// docs/benchmarks.md holds the board figures and, each between two markers of its own, the sections of the other
/// modes (random operations, search, history): each mode rewrites its own part and keeps the others'.
/// </summary>
public static partial class ReportSection
{
    public const string RandomOperations = "random-operations";
    public const string Search = "search";
    public const string History = "history";

    /// <summary>The board report with every marked section already in <paramref name="path"/> kept at its end, in their order.</summary>
    public static string Keep(string path, string boardReport)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "";
        var sections = MarkedSection().Matches(existing).Select(m => m.Value).ToList();
        return sections.Count == 0
            ? boardReport
            : boardReport.TrimEnd() + "\n\n" + string.Join("\n\n", sections) + "\n";
    }

    /// <summary>The file's text with its section <paramref name="name"/> replaced by (or appended as) <paramref name="section"/>.</summary>
    public static string Replace(string path, string name, string section)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "";
        var (start, end) = Markers(name);
        var block = start + "\n" + section.TrimEnd() + "\n" + end;
        var from = existing.IndexOf(start, StringComparison.Ordinal);
        var to = existing.IndexOf(end, StringComparison.Ordinal);
        return from >= 0 && to > from
            ? existing[..from] + block + existing[(to + end.Length)..]
            : existing.TrimEnd() + "\n\n" + block + "\n";
    }

    private static (string Start, string End) Markers(string name) => ($"<!-- {name}:start -->", $"<!-- {name}:end -->");

    [GeneratedRegex(@"<!-- ([a-z-]+):start -->.*?<!-- \1:end -->", RegexOptions.Singleline)]
    private static partial Regex MarkedSection();
}
