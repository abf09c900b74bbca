namespace DealTracker.Data.Search;

/// <summary>One row of <see cref="SearchStatement"/>: a hit of one kind, with how many of that kind match in all.</summary>
internal sealed record SearchRow(SearchKind Kind, long Id, string Title, string? Detail, int Total)
{
    public SearchHit ToHit() => new(Kind, Id, Title, Detail);
}
