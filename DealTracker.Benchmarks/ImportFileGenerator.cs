using System.Text;

namespace DealTracker.Benchmarks;

/// <summary>
/// The import benchmark's file: 10,000 lead rows naming 1,000 deals, 2,000 organizations and 5,000 individuals that do
/// not exist yet, with stages, relationships, amounts in German notation, and a next step on every third row.
/// </summary>
public static class ImportFileGenerator
{
    public const int Leads = 10_000;
    public const int Deals = 1_000;
    public const int Organizations = 2_000;
    public const int Individuals = 5_000;

    private static readonly string[] Stages = ["New", "Qualified", "Discovery", "Proposal", "Negotiation", "Won", "On Hold"];
    private static readonly string[] OrganizationRelationships = ["Prospect", "Customer", "Partner"];
    private static readonly string[] IndividualRelationships = ["Champion", "Sponsor", "Evaluator"];

    public static byte[] Write()
    {
        var csv = new StringBuilder("Title,Deal,Value,Currency,Close date,Stage,Reason,Organizations,Individuals,Next step,Next step due date\r\n");
        for (var i = 0; i < Leads; i++)
        {
            var stage = i % 25 == 0 ? "Lost" : Stages[i % Stages.Length];
            csv.Append($"Imported lead {i},Imported deal {i % Deals},\"{1_000 + i % 9_000},50\",EUR,{1 + i % 28}.{1 + i % 12}.2027,");
            csv.Append($"{stage},{(stage == "Lost" ? "Price" : "")},");
            csv.Append($"\"Imported org {i % Organizations} ({OrganizationRelationships[i % 3]}, primary)\",");
            csv.Append($"Person{i % Individuals} Imported ({IndividualRelationships[i % 3]}),");
            csv.Append(i % 3 == 0 ? $"Call back,2027-{1 + i % 12:00}-15\r\n" : ",\r\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
