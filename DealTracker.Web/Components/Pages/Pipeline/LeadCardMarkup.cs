using System.Text;
using System.Text.Encodings.Web;
using DealTracker.Data.Pipeline;
using DealTracker.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace DealTracker.Web.Components.Pages.Pipeline;

/// <summary>
/// A whole card as one piece of markup, every value HTML-encoded here. A board shows dozens of cards, and in a circuit
/// every component, element, attribute and text is kept (each component with two render trees, this render's and
/// the last) for as long as the page is open, and built in the browser one DOM call at a time; a piece of markup is
/// one frame, which the browser builds with its own HTML parser. What the server must hear from a card, its drag
/// starting and its "Move to" button, arrives through the column's custom events (<see cref="CardEventArgs"/>), which
/// find the card by its <c>data-lead-id</c> and <c>data-move-lead</c> attributes.
/// </summary>
public static class LeadCardMarkup
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>The card: its element (the board's one Tab stop hands focus between cards), title link, "Move to" and lines.</summary>
    public static MarkupString Card(PipelineCard lead, bool compact, int daysInStage, int idleDays, DateTime localNow)
    {
        var html = new StringBuilder(compact ? 1000 : 1600);
        var title = Encoder.Encode(lead.Title);
        html.Append("<div class=\"mud-paper mud-elevation-1 board-card ").Append(compact ? "board-card-compact" : "pa-2")
            .Append("\" draggable=\"true\" data-testid=\"lead-card\" data-lead-id=\"").Append(lead.LeadId)
            .Append("\" data-card-in=\"").Append(lead.LeadId).Append('@').Append(Encoder.Encode(lead.Stage))
            .Append("\" tabindex=\"-1\" role=\"article\" aria-label=\"").Append(title)
            .Append("\" aria-describedby=\"board-keys-help\"><div class=\"d-flex align-start gap-1\">")
            .Append("<a href=\"/leads/").Append(lead.LeadId).Append("\" draggable=\"false\" data-testid=\"lead-card-title\" tabindex=\"-1\" ")
            .Append("class=\"mud-typography mud-typography-subtitle2 mud-link mud-primary-text mud-link-underline-hover board-card-title\">")
            .Append(title).Append("</a>")
            .Append("<span class=\"board-card-menu board-card-above\" data-testid=\"move-menu\">")
            .Append("<button type=\"button\" class=\"mud-button-root mud-icon-button mud-icon-button-size-small\" aria-haspopup=\"dialog\" tabindex=\"-1\" aria-label=\"Move ")
            .Append(title).Append(" to another stage\" data-move-lead=\"").Append(lead.LeadId)
            .Append("\"><span class=\"board-more-icon\" aria-hidden=\"true\"></span></button></span></div>");
        AppendLines(html, lead, compact, daysInStage, idleDays, localNow);
        html.Append("</div>");
        return new MarkupString(html.ToString());
    }

    /// <summary>Compact: value, owner initials, idle mark and days in stage on one line; otherwise every line of the card.</summary>
    private static void AppendLines(StringBuilder html, PipelineCard lead, bool compact, int daysInStage, int idleDays, DateTime localNow)
    {
        var idle = idleDays > 0 && daysInStage >= idleDays;
        var value = lead.Value is { } amount ? Money.Format(amount, lead.Currency) : "No value";
        if (compact)
        {
            html.Append("<div class=\"d-flex align-center gap-1\">");
            html.Append("<span class=\"mud-typography mud-typography-caption board-card-line figure-value board-card-push\" data-testid=\"lead-card-value\">")
                .Append(Encoder.Encode(value)).Append("</span>");
            html.Append("<span data-testid=\"owner-badge\" title=\"").Append(Encoder.Encode(lead.OwnerName ?? "Unassigned")).Append("\">");
            if (lead.OwnerName is { } owner)
                html.Append("<span class=\"board-card-initials board-card-initials-compact\" aria-hidden=\"true\">")
                    .Append(Encoder.Encode(OwnerBadge.Initials(owner))).Append("</span><span class=\"visually-hidden\">Owner ")
                    .Append(Encoder.Encode(owner)).Append("</span>");
            else
                html.Append("<span class=\"mud-typography mud-typography-caption mud-secondary-text\">Unassigned</span>");
            html.Append("</span>");
            AppendIdle(html, idle, daysInStage, idleDays);
            html.Append("<span class=\"mud-typography mud-typography-caption\" data-testid=\"days-in-stage\">").Append(daysInStage).Append(" d</span>");
            html.Append("</div>");
            return;
        }

        html.Append("<p class=\"mud-typography mud-typography-body2 board-card-line\">").Append(Encoder.Encode(lead.DealName)).Append("</p>");
        html.Append("<p class=\"mud-typography mud-typography-body2 board-card-line figure-value\" data-testid=\"lead-card-value\">")
            .Append(Encoder.Encode(value + (lead.Probability is { } p ? $" · {p:0.#}%" : ""))).Append("</p>");
        if (lead.PartyName is not null)
            html.Append("<span class=\"mud-typography mud-typography-caption board-card-line d-block\">").Append(Encoder.Encode(lead.PartyName)).Append("</span>");
        html.Append("<span class=\"d-inline-flex align-center gap-1\" data-testid=\"owner-badge\">");
        if (lead.OwnerName is { } name)
            html.Append("<span class=\"board-card-initials\" aria-hidden=\"true\">").Append(Encoder.Encode(OwnerBadge.Initials(name)))
                .Append("</span><span class=\"mud-typography mud-typography-caption\">").Append(Encoder.Encode(name)).Append("</span>");
        else
            html.Append("<span class=\"mud-typography mud-typography-caption mud-secondary-text\">Unassigned</span>");
        html.Append("</span>");
        if (lead.NextStep is { } step)
        {
            var overdue = lead.IsNextStepOverdue(localNow);
            var due = lead.NextStepDueOn?.ToString("MMM d") + (lead.NextStepDueTime is { } t ? " " + t.ToString("HH:mm") : "");
            html.Append("<span class=\"mud-typography mud-typography-caption board-card-line d-block").Append(overdue ? " mud-error-text" : "")
                .Append("\" data-testid=\"lead-card-next-step\" data-overdue=\"").Append(overdue ? "true" : "false").Append("\">")
                .Append(Encoder.Encode($"{(overdue ? "Overdue: " : "Next: ")}{step} · {due}")).Append("</span>");
        }
        html.Append("<div class=\"d-flex align-center gap-1 mt-1\"><span class=\"mud-typography mud-typography-caption board-card-push\">")
            .Append(Encoder.Encode(lead.CloseDate is { } close ? $"Closes {close:MMM d, yyyy}" : "No close date")).Append("</span>");
        AppendIdle(html, idle, daysInStage, idleDays);
        html.Append("<span class=\"mud-typography mud-typography-caption\" data-testid=\"days-in-stage\">").Append(daysInStage).Append(" d in stage</span></div>");
    }

    private static void AppendIdle(StringBuilder html, bool idle, int daysInStage, int idleDays)
    {
        if (idle)
            html.Append("<span class=\"board-card-idle board-card-above\" data-testid=\"idle-mark\" title=\"No stage change for ")
                .Append(daysInStage).Append(" days (idle after ").Append(idleDays).Append(")\">idle</span>");
    }
}
