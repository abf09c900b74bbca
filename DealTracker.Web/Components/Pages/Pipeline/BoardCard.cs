using DealTracker.Data.Pipeline;

namespace DealTracker.Web.Components.Pages.Pipeline;

/// <summary>
/// A card as the drop container holds it: <see cref="Stage"/> is where it is shown, which changes as soon as the user
/// drops it, before the database confirms.
/// </summary>
public sealed class BoardCard(PipelineCard lead)
{
    public PipelineCard Lead { get; } = lead;
    public string Stage { get; set; } = lead.Stage;
}
