namespace DealTracker.Data.Import;

/// <summary>The kinds of record a file can bring: import organizations, individuals and deals before the contacts and leads that name them.</summary>
public enum ImportKind
{
    Organizations,
    Individuals,
    Contacts,
    Deals,
    Leads,
}
