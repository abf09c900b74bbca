namespace DealTracker.Data.Search;

/// <summary>The kinds of record the app-bar search finds, in the order its groups are shown.</summary>
public enum SearchKind { Lead, Deal, Organization, Individual, Contact }
