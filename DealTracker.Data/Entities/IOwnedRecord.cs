namespace DealTracker.Data.Entities;

/// <summary>A record with an owner (a lead or a deal): what the ownership rules and owner filters work on.</summary>
public interface IOwnedRecord
{
    long Id { get; }
    long? OwnerUserId { get; set; }
}
