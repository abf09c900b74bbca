namespace DealTracker.Data.Search;

/// <summary>What a search term found, one group per kind that found anything.</summary>
public sealed record SearchResults(string Term, IReadOnlyList<SearchGroup> Groups)
{
    public static SearchResults None(string term) => new(term, []);

    public bool IsEmpty => Groups.Count == 0;
}
