namespace DealTracker.Data.Live;

/// <summary>
/// Rows of one table changed by one committed statement. <see cref="Ids"/> is null when the statement touched so many
/// rows that listing them was pointless: receivers re-query what they show.
/// </summary>
public sealed record DataChange(string Table, string Operation, IReadOnlyList<long>? Ids);
