namespace DealTracker.Data.Entities;

/// <summary>
/// What a search finds a lead by, in one lower-cased text: its title, its deal's name and the names of its
/// organizations, individuals and contacts, one per line. Kept by the database (triggers of migration
/// LeadSearchDocuments) in the transaction that changes any of those names or links; the app only reads it. With the
/// lead's owner beside it, so the visibility rule can count matching leads without reading the leads.
/// </summary>
public class LeadSearchDocument : IOwnedRecord
{
    /// <summary>The lead's id.</summary>
    public long Id { get; init; }
    public long? OwnerUserId { get; set; }
    public string Document { get; init; } = "";
}
