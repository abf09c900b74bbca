namespace DealTracker.Data.Pipeline;

public sealed record PipelineBoardData(
    IReadOnlyList<PipelineColumn> Columns,
    IReadOnlyList<CurrencyAmount> OpenTotals)
{
    public int LeadCount => Columns.Sum(c => c.LeadCount);

    /// <summary>The board with <paramref name="more"/> cards below the ones <paramref name="stage"/> shows (a card already shown is not repeated).</summary>
    public PipelineBoardData WithMoreCards(string stage, IEnumerable<PipelineCard> more) => this with
    {
        Columns = Columns.Select(c =>
        {
            if (c.Stage != stage)
                return c;
            var known = c.Cards.Select(card => card.LeadId).ToHashSet();
            return c with { Cards = c.Cards.Concat(more.Where(card => !known.Contains(card.LeadId))).ToList() };
        }).ToList(),
    };
}
