namespace DealTracker.Web.Components.Pages.Pipeline;

/// <summary>
/// Runs a refresh; requests arriving while one runs are folded into one more run after it, however many they are.
/// Used on the component's synchronization context (requests come through <c>InvokeAsync</c>), so no locking.
/// A refresh that throws ends the round: the exception goes to the request that started it.
/// </summary>
public sealed class CoalescedRefresh(Func<Task> refresh)
{
    private int _requests;

    public async Task RequestAsync()
    {
        if (++_requests > 1)
            return;
        try
        {
            do
            {
                _requests = 1;
                await refresh();
            } while (--_requests > 0);
        }
        catch
        {
            _requests = 0;
            throw;
        }
    }
}
