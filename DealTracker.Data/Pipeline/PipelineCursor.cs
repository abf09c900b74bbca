namespace DealTracker.Data.Pipeline;

/// <summary>Where a column's next page starts: after this card in the column's order.</summary>
public sealed record PipelineCursor(DateTime StageSince, long LeadId)
{
    public static PipelineCursor After(PipelineCard card) => new(card.StageSince, card.LeadId);
}
