namespace DealTracker.Benchmarks;

/// <summary>One timeline read: what was read, its server time, the SQL statements it sent and the events it returned.</summary>
public sealed record TimelineFigure(string What, Stats Time, int Statements, int Events);
