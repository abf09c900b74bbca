namespace DealTracker.Benchmarks;

/// <summary>
/// docs/benchmarks.md holds the board figures and, between two markers, the random-operations run: each mode
/// rewrites its own part and keeps the other's.
/// </summary>
public static class ReportSection
{
    private const string Start = "<!-- random-operations:start -->";
    private const string End = "<!-- random-operations:end -->";

    /// <summary>The board report with the random-operations section already in <paramref name="path"/> kept at its end.</summary>
    public static string Keep(string path, string boardReport)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "";
        var start = existing.IndexOf(Start, StringComparison.Ordinal);
        var end = existing.IndexOf(End, StringComparison.Ordinal);
        return start >= 0 && end > start
            ? boardReport.TrimEnd() + "\n\n" + existing[start..(end + End.Length)] + "\n"
            : boardReport;
    }

    /// <summary>The file's text with its random-operations section replaced by (or appended as) <paramref name="section"/>.</summary>
    public static string Replace(string path, string section)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "";
        var block = Start + "\n" + section.TrimEnd() + "\n" + End;
        var start = existing.IndexOf(Start, StringComparison.Ordinal);
        var end = existing.IndexOf(End, StringComparison.Ordinal);
        return start >= 0 && end > start
            ? existing[..start] + block + existing[(end + End.Length)..]
            : existing.TrimEnd() + "\n\n" + block + "\n";
    }
}
