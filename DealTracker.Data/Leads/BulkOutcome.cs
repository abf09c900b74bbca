namespace DealTracker.Data.Leads;

/// <summary>What a bulk action on leads did: how many it changed, and each lead it could not change with the reason.</summary>
public sealed record BulkOutcome(int Done, IReadOnlyList<BulkRefusal> Refused)
{
    public int Total => Done + Refused.Count;
}
