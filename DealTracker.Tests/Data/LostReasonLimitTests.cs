using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Tests.Support;
using Npgsql;

namespace DealTracker.Tests.Data;

/// <summary>One limit for a lost reason (<see cref="Limits.Reason"/>) on create, edit and the board move, held by the database too.</summary>
public sealed class LostReasonLimitTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly TestData _data = new(db.Services);
    private LeadService Leads => db.Get<LeadService>();
    private static readonly string TooLong = new('r', Limits.Reason + 1);

    [Fact]
    public async Task A_board_move_refuses_a_reason_over_the_limit_and_leaves_the_lead_where_it_was()
    {
        var lead = await _data.LeadAsync(stage: "Proposal");

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => Leads.MoveLeadToStageAsync(lead, "Lost", TooLong, null));

        Assert.Equal("Reason", refusal.Field);
        Assert.Equal("Proposal", await db.ScalarAsync<string>($"SELECT stage FROM lead_status WHERE lead_id = {lead}"));
        var moved = await Leads.MoveLeadToStageAsync(lead, "Lost", TooLong[..Limits.Reason], null);
        Assert.Equal(Limits.Reason, moved.Reason!.Length);
    }

    [Fact]
    public async Task Create_and_the_board_move_refuse_the_same_reason_with_the_same_message()
    {
        var onCreate = await Assert.ThrowsAsync<RuleViolationException>(() => _data.LeadAsync(stage: "Lost", reason: TooLong));
        var lead = await _data.LeadAsync(stage: "New");
        var onMove = await Assert.ThrowsAsync<RuleViolationException>(() => Leads.MoveLeadToStageAsync(lead, "Lost", TooLong, null));

        Assert.Equal(onCreate.Message, onMove.Message);
        Assert.Equal(onCreate.Field, onMove.Field);
    }

    [Fact]
    public async Task The_database_refuses_a_reason_over_the_limit_from_any_client()
    {
        var lead = await _data.LeadAsync(stage: "Lost", reason: "Price");

        var error = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteSqlAsync(
            $"UPDATE lead_status SET reason = repeat('r', {Limits.Reason + 1}) WHERE lead_id = {lead}"));

        Assert.Equal("lead_status_reason_length_check", error.ConstraintName);
        Assert.Equal($"The reason can be at most {Limits.Reason} characters.", DatabaseErrors.Translate(error)!.Message);
    }
}
