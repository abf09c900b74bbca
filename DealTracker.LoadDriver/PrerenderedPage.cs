using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DealTracker.LoadDriver;

/// <summary>
/// What a browser's blazor.web.js finds in a prerendered page to start its circuit: the interactive server
/// components' start markers (<c>&lt;!--Blazor:{"type":"server",…,"descriptor":…}--&gt;</c>) and the persisted
/// component state comment.
/// </summary>
public sealed partial record PrerenderedPage(IReadOnlyList<JsonObject> ServerMarkers, string ApplicationState)
{
    public static PrerenderedPage Parse(string html)
    {
        var markers = new List<JsonObject>();
        foreach (Match match in MarkerPattern().Matches(html))
        {
            if (JsonNode.Parse(match.Groups[1].Value) is JsonObject marker
                && marker["type"]?.GetValue<string>() == "server" && marker["descriptor"] is not null)
                markers.Add(marker);
        }
        var state = StatePattern().Match(html);
        return new PrerenderedPage(markers, state.Success ? state.Groups[1].Value : "");
    }

    /// <summary>The JSON of the first UpdateRootComponents call: one "add" per marker, numbered as blazor.web.js numbers them.</summary>
    public string AddOperationsJson() =>
        new JsonObject
        {
            ["batchId"] = 1,
            ["operations"] = new JsonArray(ServerMarkers.Select((m, i) => (JsonNode)new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = m.DeepClone(),
            }).ToArray()),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex StatePattern();
}
