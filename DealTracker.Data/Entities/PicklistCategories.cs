namespace DealTracker.Data.Entities;

/// <summary>The picklist categories: each is named after the column whose values it supplies.</summary>
public static class PicklistCategories
{
    public const string Stage = "lead_status.stage";
    public const string LostReason = "lead_status.reason";
    public const string ContactRole = "lead_contacts.role_on_lead";
    public const string OrganizationRelationship = "lead_organizations.relationship";
    public const string IndividualRelationship = "lead_individuals.relationship";

    public static readonly IReadOnlyList<string> All =
        [Stage, ContactRole, OrganizationRelationship, IndividualRelationship, LostReason];

    public static string DisplayName(string category) => category switch
    {
        Stage => "Lead stages",
        LostReason => "Reasons a lead was lost",
        ContactRole => "Contact roles on a lead",
        OrganizationRelationship => "Organization relationships",
        IndividualRelationship => "Individual relationships",
        _ => category,
    };
}
