using DealTracker.Data.Entities;

namespace DealTracker.Data.Notes;

/// <summary>The record a note is on: a lead or a deal.</summary>
public sealed record NoteTarget(string RecordType, long RecordId)
{
    public static NoteTarget Lead(long leadId) => new(HistoryRecordTypes.Lead, leadId);
    public static NoteTarget Deal(long dealId) => new(HistoryRecordTypes.Deal, dealId);
}
