using System.Runtime.CompilerServices;
using DealTracker.Data.Pipeline;
using Microsoft.AspNetCore.Components;

namespace DealTracker.Web.Components.Pages.Pipeline;

/// <summary>
/// A card as the drop container holds it: <see cref="Stage"/> is where it is shown, which changes as soon as the user
/// drops it, before the database confirms.
/// </summary>
public sealed class BoardCard(PipelineCard lead)
{
    /// <summary>
    /// The markup last drawn for each lead as read: boards on one view share their read's cards
    /// (<see cref="SharedBoardReads"/>), so they share the markup drawn from them too, built once, not once per board;
    /// it goes with the card it was drawn from.
    /// </summary>
    private static readonly ConditionalWeakTable<PipelineCard, Drawn> DrawnFor = new();

    private sealed record Drawn((int DaysInStage, int IdleDays, bool Compact, bool Overdue) For, MarkupString Markup);

    public PipelineCard Lead { get; } = lead;
    public string Stage { get; set; } = lead.Stage;

    /// <summary>The card's markup (<see cref="LeadCardMarkup"/>), built again only when what it shows changes.</summary>
    public MarkupString Markup(bool compact, int idleDays, DateTime utcNow, DateTime localNow)
    {
        var daysInStage = Lead.DaysInStage(utcNow);
        var now = (daysInStage, idleDays, compact, Lead.IsNextStepOverdue(localNow));
        if (DrawnFor.TryGetValue(Lead, out var drawn) && drawn.For == now)
            return drawn.Markup;
        drawn = new Drawn(now, LeadCardMarkup.Card(Lead, compact, daysInStage, idleDays, localNow));
        DrawnFor.AddOrUpdate(Lead, drawn);
        return drawn.Markup;
    }
}
