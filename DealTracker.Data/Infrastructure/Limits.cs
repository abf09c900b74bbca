namespace DealTracker.Data.Infrastructure;

/// <summary>How long each kind of text may be: generous for people, bounded for the database and the screen.</summary>
public static class Limits
{
    public const int Title = 200;
    /// <summary>Why a lead moved to a stage such as Lost; the database's <c>lead_status_reason_length_check</c> holds it too.</summary>
    public const int Reason = 200;
    public const int Name = 200;
    public const int PersonName = 100;
    public const int Short = 100;
    public const int Email = 254;
    public const int Website = 500;
    public const int Phone = 50;
    public const int LongText = 4000;
    /// <summary>How many leads one bulk action on /leads may change: each is its own transaction with its own answer.</summary>
    public const int BulkLeads = 1000;
}
