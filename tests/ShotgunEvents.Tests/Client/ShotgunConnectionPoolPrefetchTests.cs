using ShotgunEvents.Api;
using ShotgunEvents.Tests.Client.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Client;

/// <summary>The site info fetched ahead of the first read (what <c>run</c> does while its plugins load).</summary>
public sealed class ShotgunConnectionPoolPrefetchTests
{
    [Fact]
    public async Task PrefetchSiteInfo_ThenFind_FindMakesOnlyItsOwnCall()
    {
        await using var site = await EmulatorSite.StartAsync();
        var before = site.Faults.CallCount;

        await site.Pool.PrefetchSiteInfo().WaitAsync(Eventually.DefaultTimeout);
        Assert.Equal(before + 1, site.Faults.CallCount);
        await site.Client.FindAsync("Project", null, ["id"], new FindOptions { Limit = 1 });

        // The info is not asked again: the find is the only call after the prefetch.
        Assert.Equal(before + 2, site.Faults.CallCount);
    }

    [Fact]
    public async Task PrefetchSiteInfo_SiteFailsIt_NextReadFetchesTheInfoAgain()
    {
        await using var site = await EmulatorSite.StartAsync(maxRetries: 0);
        var before = site.Faults.CallCount;
        site.Faults.FailNext(1, 500);

        // The prefetch's failure is swallowed: the task it returns completes.
        await site.Pool.PrefetchSiteInfo().WaitAsync(Eventually.DefaultTimeout);
        Assert.Equal(before + 1, site.Faults.CallCount);
        await site.Client.FindAsync("Project", null, ["id"], new FindOptions { Limit = 1 });

        // A failed prefetch is no cached failure: the read runs info again, then itself.
        Assert.Equal(before + 3, site.Faults.CallCount);
    }
}
