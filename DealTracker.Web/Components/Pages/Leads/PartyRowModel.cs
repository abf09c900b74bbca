namespace DealTracker.Web.Components.Pages.Leads;

/// <summary>One organization, individual or contact row on the lead form.</summary>
public sealed class PartyRowModel
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string? Detail { get; set; }
    public string? Value { get; set; }
    public bool IsPrimary { get; set; }
}
