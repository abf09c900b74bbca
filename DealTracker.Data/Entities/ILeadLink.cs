namespace DealTracker.Data.Entities;

/// <summary>
/// A row that links a lead to an organization, an individual or a contact: the party it points at, the picklist value
/// that qualifies the link (relationship or role on lead), and whether it is the lead's primary one of its kind.
/// </summary>
public interface ILeadLink
{
    /// <summary>The name of the property holding the linked party's id (the second half of the key).</summary>
    static abstract string TargetProperty { get; }

    static abstract ILeadLink Create(long leadId, long targetId);

    long LeadId { get; }
    long TargetId { get; }
    string? Value { get; set; }
    bool IsPrimary { get; set; }
}
