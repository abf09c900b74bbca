using DealTracker.Data.Pipeline;
using DealTracker.Web.Components.Pages.Pipeline;

namespace DealTracker.Tests.Components;

/// <summary>
/// A card's markup is drawn once per card as read, whichever board draws it: boards on one view share their read's
/// cards (SharedBoardReads), and must share what is drawn from them instead of holding a copy each for as long as
/// they are open.
/// </summary>
public sealed class BoardCardMarkupTests
{
    private static readonly DateTime UtcNow = new(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc);

    private static PipelineCard Card(long id = 41) => new(id, "Fleet <renewal>", "Proposal", 7, "Fleet deal", 12_500m, "EUR", 40m,
        new DateOnly(2027, 1, 31), "Acme", UtcNow.AddDays(-3), 5, "Sam Seller", null, null, null);

    [Fact]
    public void Two_boards_drawing_the_same_card_get_one_piece_of_markup()
    {
        var lead = Card();

        var first = new BoardCard(lead).Markup(compact: false, idleDays: 14, UtcNow, UtcNow);
        var second = new BoardCard(lead).Markup(compact: false, idleDays: 14, UtcNow, UtcNow);

        Assert.Same(first.Value, second.Value);
        Assert.Contains("data-card-in=\"41@Proposal\"", first.Value);
        Assert.Contains("Fleet &lt;renewal&gt;", first.Value);
    }

    [Fact]
    public void A_card_is_drawn_again_when_what_it_shows_changes()
    {
        var lead = Card(42);
        var full = new BoardCard(lead).Markup(compact: false, idleDays: 14, UtcNow, UtcNow);

        var compact = new BoardCard(lead).Markup(compact: true, idleDays: 14, UtcNow, UtcNow);
        var aDayLater = new BoardCard(lead).Markup(compact: false, idleDays: 14, UtcNow.AddDays(1), UtcNow.AddDays(1));
        var moved = new BoardCard(lead with { Stage = "Won" }).Markup(compact: false, idleDays: 14, UtcNow, UtcNow);

        Assert.Contains("board-card-compact", compact.Value);
        Assert.DoesNotContain("board-card-compact", full.Value);
        Assert.Contains("4 d in stage", aDayLater.Value);
        Assert.Contains("3 d in stage", full.Value);
        Assert.Contains("data-card-in=\"42@Won\"", moved.Value);
    }
}
