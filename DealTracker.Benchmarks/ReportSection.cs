using System.Text.RegularExpressions;

namespace DealTracker.Benchmarks;

/// <summary>
/// docs/benchmarks.md holds the board figures and, each between two markers of its own, the sections of the other
/// modes (random operations, search, import, history, circuits, export, memory): each mode rewrites its own part and keeps the others'.
/// </summary>
public static partial class ReportSection
{
    public const string RandomOperations = "random-operations";
    public const string Import = "import";
    public const string Search = "search";
    public const string History = "history";
    public const string Export = "export";
    public const string Circuits = "circuits";
    public const string Memory = "memory";

    [GeneratedRegex(@"<!-- (?<name>[a-z-]+):start -->.*?<!-- \k<name>:end -->", RegexOptions.Singleline)]
    private static partial Regex MarkedSection();

    /// <summary>The board report with every marked section already in <paramref name="path"/> kept at its end.</summary>
    public static string Keep(string path, string boardReport)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "";
        var sections = MarkedSection().Matches(existing).Select(m => m.Value).ToList();
        return sections.Count == 0 ? boardReport : boardReport.TrimEnd() + "\n\n" + string.Join("\n\n", sections) + "\n";
    }

    /// <summary>The file's text with its <paramref name="name"/> section replaced by (or appended as) <paramref name="section"/>.</summary>
    public static string Replace(string path, string section, string name)
    {
        var (start, end) = ($"<!-- {name}:start -->", $"<!-- {name}:end -->");
        var existing = File.Exists(path) ? File.ReadAllText(path) : "";
        var block = start + "\n" + section.TrimEnd() + "\n" + end;
        var from = existing.IndexOf(start, StringComparison.Ordinal);
        var to = existing.IndexOf(end, StringComparison.Ordinal);
        return from >= 0 && to > from
            ? existing[..from] + block + existing[(to + end.Length)..]
            : existing.TrimEnd() + "\n\n" + block + "\n";
    }
}
