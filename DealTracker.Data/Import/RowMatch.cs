namespace DealTracker.Data.Import;

/// <summary>The existing record a row matched (null: the row creates one), and whether its values differ from that record's.</summary>
internal readonly record struct RowMatch(long? Id, bool Differs)
{
    public static RowMatch New { get; } = new(null, true);
}
