using System.Linq.Expressions;
using DealTracker.Data.Entities;
using DealTracker.Data.Identity;

namespace DealTracker.Data.Ownership;

/// <summary>
/// Who may see a lead or a deal, defined once: managers and admins see every record; a Sales user sees their own and
/// the unassigned ones; an actor without a user sees none. <see cref="Of{T}"/> is the rule for LINQ,
/// <see cref="Through{TLink}"/> the same rule reached over a link's navigation, and <see cref="Sql"/> the same rule
/// as a SQL condition for the board's hand-written statements.
/// </summary>
public static class Visibility
{
    private enum Scope { All, None, OwnAndUnassigned }

    private static Scope ScopeOf(IActingUser actor) =>
        actor.IsManagerOrAdmin ? Scope.All : actor.UserId is null ? Scope.None : Scope.OwnAndUnassigned;

    public static Expression<Func<T, bool>> Of<T>(IActingUser actor) where T : class, IOwnedRecord
    {
        var me = actor.UserId;
        return ScopeOf(actor) switch
        {
            Scope.All => r => true,
            Scope.None => r => false,
            _ => r => r.OwnerUserId == null || r.OwnerUserId == me,
        };
    }

    /// <summary>The rule applied to the lead a link row points at, e.g. <c>Through&lt;LeadOrganization&gt;(actor, l =&gt; l.Lead)</c>.</summary>
    public static Expression<Func<TLink, bool>> Through<TLink>(IActingUser actor, Expression<Func<TLink, Lead>> lead)
    {
        var rule = Of<Lead>(actor);
        var body = new ParameterSwap(rule.Parameters[0], lead.Body).Visit(rule.Body);
        return Expression.Lambda<Func<TLink, bool>>(body, lead.Parameters);
    }

    /// <summary>The rule as a SQL condition on <paramref name="ownerColumn"/>; the user's id travels as a parameter.</summary>
    public static string Sql(IActingUser actor, string ownerColumn, Func<long, string> parameter) => ScopeOf(actor) switch
    {
        Scope.All => "TRUE",
        Scope.None => "FALSE",
        _ => $"({ownerColumn} IS NULL OR {ownerColumn} = {parameter(actor.UserId!.Value)})",
    };

    private sealed class ParameterSwap(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
