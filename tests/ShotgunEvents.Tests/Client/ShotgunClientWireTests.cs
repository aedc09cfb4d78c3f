using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Tests.Client.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Client;

/// <summary>The exact api3 requests the client sends (protocol §2), seen by a recording loopback site.</summary>
public sealed class ShotgunClientWireTests
{
    private const string Key = "wire-test-key-4f1e";

    [Fact]
    public async Task FindAsync_LimitWithinOnePage_SendsOneReadShapedLikeThePythonApi()
    {
        await using var site = RecordingSite.WithInfo(_ => Page(false, """{"type":"Shot","id":1,"code":"sh010"}"""));
        using var client = Connect(site);
        client.SessionUuid = "5a1d49b0-0c69-11e0-a24c-003048d17544";
        client.SudoAsLogin = "jane";

        var found = await client.FindAsync("Shot", Filter.Is("id", 1), ["code"], new FindOptions
        {
            Limit = 10,
            Order = [SortOrder.Desc("created_at"), SortOrder.Asc("code")],
            RetiredOnly = true,
            IncludeArchivedProjects = false,
        });

        Assert.Equal("sh010", Assert.Single(found).Get<string>("code"));
        var info = site.Requests.First();
        Assert.Equal("info", info.MethodName);
        Assert.Empty(info.Params);
        var read = Assert.Single(site.Calls);
        Assert.Equal("POST", read.Method);
        Assert.Equal("/api3/json", read.Target);
        Assert.Equal("application/json; charset=utf-8", read.Headers["Content-Type"]);
        AssertJson("""{"script_name":"test","script_key":"wire-test-key-4f1e","session_uuid":"5a1d49b0-0c69-11e0-a24c-003048d17544","sudo_as_login":"jane"}""", read.Params[0]);
        AssertJson("""
            {"type":"Shot","return_fields":["code"],
             "filters":{"logical_operator":"and","conditions":[{"path":"id","relation":"is","values":[1]}]},
             "return_only":"retired","paging":{"entities_per_page":10,"current_page":1},
             "sorts":[{"field_name":"created_at","direction":"desc"},{"field_name":"code","direction":"asc"}],
             "include_archived_projects":false,"api_return_image_urls":true,"return_paging_info":false}
            """, read.Params[1]);
    }

    [Fact]
    public async Task FindAsync_NoLimit_LoopsPagesUntilHasNextPageIsFalse()
    {
        await using var site = RecordingSite.WithInfo(
            request => PageOf(request, pages: 3),
            info: """{"version":[8,50,0],"api_max_entities_per_page":2}""");
        using var client = Connect(site);

        var found = await client.FindAsync("EventLogEntry", null, ["event_type"]);

        Assert.Equal([1, 2, 3, 4, 5, 6], found.Select(e => e.Id));
        var reads = site.Calls;
        Assert.Equal([1, 2, 3], reads.Select(r => r.Params[1]!["paging"]!.Value<int>("current_page")));
        Assert.All(reads, r =>
        {
            Assert.Equal(2, r.Params[1]!["paging"]!.Value<int>("entities_per_page"));
            Assert.True(r.Params[1]!.Value<bool>("return_paging_info_without_counts"));
            Assert.Equal("active", r.Params[1]!.Value<string>("return_only"));
            AssertJson("""{"logical_operator":"and","conditions":[]}""", r.Params[1]!["filters"]!);
            Assert.Null(r.Params[1]!["sorts"]);
            Assert.Null(r.Params[1]!["include_archived_projects"]);
        });
    }

    [Fact]
    public async Task FindAsync_LimitAbovePageSize_StopsAndTruncatesAtTheLimit()
    {
        await using var site = RecordingSite.WithInfo(request => PageOf(request, pages: 10), """{"version":[8,50,0],"api_max_entities_per_page":2}""");
        using var client = Connect(site);

        var found = await client.FindAsync("Shot", null, ["code"], new FindOptions { Limit = 3 });

        Assert.Equal([1, 2, 3], found.Select(e => e.Id));
        Assert.Equal(2, site.Calls.Count);
    }

    [Fact]
    public async Task FindAsync_Page_SendsOneCallForThatPageAtFullPageSize()
    {
        await using var site = RecordingSite.WithInfo(request => PageOf(request, pages: 10), """{"version":[8,50,0],"api_max_entities_per_page":2}""");
        using var client = Connect(site);

        var found = await client.FindAsync("Shot", null, ["code"], new FindOptions { Page = 4 });

        Assert.Equal([7, 8], found.Select(e => e.Id));
        var read = Assert.Single(site.Calls);
        AssertJson("""{"entities_per_page":2,"current_page":4}""", read.Params[1]!["paging"]!);
        Assert.False(read.Params[1]!.Value<bool>("return_paging_info"));
    }

    [Fact]
    public async Task FindAsync_ServerSendsNoPagingInfo_StopsOnAShortPage()
    {
        await using var site = RecordingSite.WithInfo(
            request => request.Params[1]!["paging"]!.Value<int>("current_page") == 1
                ? CannedResponse.Results("""{"entities":[{"type":"Shot","id":1},{"type":"Shot","id":2}]}""")
                : CannedResponse.Results("""{"entities":[{"type":"Shot","id":3}]}"""),
            """{"version":[8,50,0],"api_max_entities_per_page":2}""");
        using var client = Connect(site);

        var found = await client.FindAsync("Shot", null, ["id"]);

        Assert.Equal([1, 2, 3], found.Select(e => e.Id));
        Assert.Equal(2, site.Calls.Count);
    }

    [Fact]
    public async Task FindAsync_EmptyPageClaimingANextOne_StopsTheLoop()
    {
        await using var site = RecordingSite.WithInfo(_ => Page(true));
        using var client = Connect(site);

        Assert.Empty(await client.FindAsync("Shot", null, ["id"]));
        Assert.Single(site.Calls);
    }

    [Fact]
    public async Task FindAsync_InfoWithoutPageSize_UsesFiveHundred()
    {
        await using var site = RecordingSite.WithInfo(_ => Page(false), """{"version":[8,50,0]}""");
        using var client = Connect(site);

        await client.FindAsync("Shot", null, ["id"]);

        Assert.Equal(500, Assert.Single(site.Calls).Params[1]!["paging"]!.Value<int>("entities_per_page"));
    }

    [Fact]
    public async Task FindAsync_NoFields_AsksForId()
    {
        await using var site = RecordingSite.WithInfo(_ => Page(false));
        using var client = Connect(site);

        await client.FindAsync("Shot", null, []);

        AssertJson("""["id"]""", Assert.Single(site.Calls).Params[1]!["return_fields"]!);
    }

    [Fact]
    public async Task FindAsync_ManyConnectionsOfOnePool_AskInfoOnce()
    {
        await using var site = RecordingSite.WithInfo(_ => Page(false));
        using var pool = new ShotgunConnectionPool(Options(site));
        var first = pool.Connect(ShotgunCredentials.Script("a", "ka"));
        var second = pool.Connect(ShotgunCredentials.Script("b", "kb"));

        await Task.WhenAll(first.FindAsync("Shot", null, ["id"]), second.FindAsync("Shot", null, ["id"]), first.FindAsync("Shot", null, ["id"]));

        Assert.Equal(1, site.Requests.Count(r => r.MethodName == "info"));
        Assert.Equal(["a", "a", "b"], site.Calls.Select(c => c.Params[0]!.Value<string>("script_name")).Order());
    }

    [Fact]
    public async Task FindAsync_EscapedLessThan_IsUnescapedLikeThePythonApi()
    {
        await using var site = RecordingSite.WithInfo(_ => Page(false, """{"type":"Note","id":1,"content":"a &lt;b&gt; c","meta":{"x":"&lt;"}}"""));
        using var client = Connect(site);

        var note = Assert.Single(await client.FindAsync("Note", null, ["content"]));

        Assert.Equal("a <b&gt; c", note.Get<string>("content"));
        Assert.Equal("<", note["meta"]!.Value<string>("x"));
    }

    [Fact]
    public async Task FindOneAsync_ParamsFields_AsksForOneRow()
    {
        await using var site = RecordingSite.WithInfo(_ => Page(false, """{"type":"Shot","id":9,"code":"sh090"}"""));
        using var client = Connect(site);

        var shot = await client.FindOneAsync("Shot", Filter.Is("id", 9), "code", "sg_status_list");

        Assert.Equal(9, shot!.Id);
        var read = Assert.Single(site.Calls).Params[1]!;
        AssertJson("""["code","sg_status_list"]""", read["return_fields"]!);
        Assert.Equal(1, read["paging"]!.Value<int>("entities_per_page"));
    }

    [Fact]
    public async Task CreateAsync_SendsFieldListWithWireDatesAndIdFirstInReturnFields()
    {
        await using var site = RecordingSite.WithInfo(_ => CannedResponse.Results("""[{"type":"Shot","id":77,"code":"sh010"}]"""));
        using var client = Connect(site);

        var shot = await client.CreateAsync("Shot", new
        {
            code = "sh010",
            sg_due_date = new DateOnly(2024, 2, 29),
            sg_last_published_at = new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)),
            project = new EntityRef("Project", 3, "Demo"),
            assets = new[] { new EntityRef("Asset", 1), new EntityRef("Asset", 2) },
            sg_cut_in = (int?)null,
        }, "sg_status_list", "id");

        Assert.Equal(77, shot.Id);
        AssertJson("""
            {"type":"Shot","fields":[
              {"field_name":"code","value":"sh010"},
              {"field_name":"sg_due_date","value":"2024-02-29"},
              {"field_name":"sg_last_published_at","value":"2024-01-02T03:04:05Z"},
              {"field_name":"project","value":{"type":"Project","id":3,"name":"Demo"}},
              {"field_name":"assets","value":[{"type":"Asset","id":1},{"type":"Asset","id":2}]},
              {"field_name":"sg_cut_in","value":null}],
             "return_fields":["id","sg_status_list"]}
            """, Assert.Single(site.Calls).Params[1]!);
    }

    [Fact]
    public async Task UpdateAsync_MultiEntityModes_AreSentPerField()
    {
        await using var site = RecordingSite.WithInfo(_ => CannedResponse.Results("""{"type":"Shot","id":5,"assets":[]}"""));
        using var client = Connect(site);

        await client.UpdateAsync("Shot", 5, new { assets = new[] { new EntityRef("Asset", 1) }, tasks = Array.Empty<EntityRef>(), code = "x" },
            new Dictionary<string, MultiEntityUpdateMode> { ["assets"] = MultiEntityUpdateMode.Add, ["tasks"] = MultiEntityUpdateMode.Remove });

        AssertJson("""
            {"type":"Shot","id":5,"fields":[
              {"field_name":"assets","value":[{"type":"Asset","id":1}],"multi_entity_update_mode":"add"},
              {"field_name":"tasks","value":[],"multi_entity_update_mode":"remove"},
              {"field_name":"code","value":"x"}]}
            """, Assert.Single(site.Calls).Params[1]!);
    }

    [Fact]
    public async Task UpdateAsync_ModeForAFieldNotInTheData_ThrowsBeforeSending()
    {
        await using var site = RecordingSite.WithInfo(_ => Page(false));
        using var client = Connect(site);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.UpdateAsync("Shot", 5, new { code = "x" },
            new Dictionary<string, MultiEntityUpdateMode> { ["assets"] = MultiEntityUpdateMode.Add }));

        Assert.Contains("assets", ex.Message);
        Assert.Empty(site.Requests);
    }

    [Fact]
    public async Task DeleteAndRevive_SendTypeAndId_ReturnTheBoolean()
    {
        await using var site = RecordingSite.WithInfo(request => CannedResponse.Results(request.MethodName == "delete" ? "true" : "false"));
        using var client = Connect(site);

        Assert.True(await client.DeleteAsync("Shot", 5));
        Assert.False(await client.ReviveAsync("Shot", 5));

        Assert.Equal(["delete", "revive"], site.Calls.Select(c => c.MethodName));
        Assert.All(site.Calls, c => AssertJson("""{"type":"Shot","id":5}""", c.Params[1]!));
    }

    [Fact]
    public async Task BatchAsync_SendsAListOfRequests()
    {
        await using var site = RecordingSite.WithInfo(_ => CannedResponse.Results("""[{"type":"Shot","id":1},{"type":"Shot","id":2},true]"""));
        using var client = Connect(site);

        var results = await client.BatchAsync(
            BatchRequest.Create("Shot", new { code = "a" }, "sg_status_list"),
            BatchRequest.Update("Shot", 2, new Dictionary<string, object?> { ["assets"] = new[] { new EntityRef("Asset", 1) } },
                new Dictionary<string, MultiEntityUpdateMode> { ["assets"] = MultiEntityUpdateMode.Remove }),
            BatchRequest.Delete("Shot", 3));

        Assert.Equal(3, results.Count);
        AssertJson("""
            [{"request_type":"create","type":"Shot","fields":[{"field_name":"code","value":"a"}],"return_fields":["id","sg_status_list"]},
             {"request_type":"update","type":"Shot","id":2,"fields":[{"field_name":"assets","value":[{"type":"Asset","id":1}],"multi_entity_update_mode":"remove"}]},
             {"request_type":"delete","type":"Shot","id":3}]
            """, Assert.Single(site.Calls).Params[1]!);
    }

    [Fact]
    public async Task BatchAsync_Empty_SendsNothing()
    {
        await using var site = RecordingSite.WithInfo(_ => Page(false));
        using var client = Connect(site);

        Assert.Empty(await client.BatchAsync());
        Assert.Empty(site.Requests);
    }

    [Fact]
    public async Task SummarizeAsync_SendsSummariesAndGrouping()
    {
        await using var site = RecordingSite.WithInfo(_ => CannedResponse.Results("""{"summaries":{"id":3},"groups":[]}"""));
        using var client = Connect(site);

        var answer = await client.SummarizeAsync("Shot", Filter.Is("project", new EntityRef("Project", 1)), [new SummaryField("id", "count")],
            [new SummaryGrouping("sg_status_list", Descending: true)]);

        Assert.Equal(3, answer["summaries"]!.Value<int>("id"));
        AssertJson("""
            {"type":"Shot","filters":{"logical_operator":"and","conditions":[{"path":"project","relation":"is","values":[{"type":"Project","id":1}]}]},
             "summaries":[{"field":"id","type":"count"}],"grouping":[{"field":"sg_status_list","type":"exact","direction":"desc"}]}
            """, Assert.Single(site.Calls).Params[1]!);
    }

    [Fact]
    public async Task SchemaCalls_OmitParamsWhenNoneAndSendProjectWhenGiven()
    {
        await using var site = RecordingSite.WithInfo(_ => CannedResponse.Results("""{"Shot":{}}"""));
        using var client = Connect(site);

        await client.SchemaReadAsync();
        await client.SchemaReadAsync(new EntityRef("Project", 3, "Demo"));
        await client.SchemaFieldReadAsync("Shot", "code", new EntityRef("Project", 3));

        var calls = site.Calls;
        Assert.Single(calls[0].Params);
        AssertJson("""{"project":{"type":"Project","id":3}}""", calls[1].Params[1]!);
        AssertJson("""{"type":"Shot","field_name":"code","project":{"type":"Project","id":3}}""", calls[2].Params[1]!);
    }

    [Fact]
    public async Task InfoAsync_ReturnsTheUnwrappedBodyAndSendsNoAuth()
    {
        await using var site = RecordingSite.WithInfo(_ => Page(false));
        using var client = Connect(site);

        var info = await client.InfoAsync();

        Assert.Equal(500, info.Value<int>("api_max_entities_per_page"));
        Assert.Equal("""{"method_name":"info","params":[]}""", Assert.Single(site.Requests).Body);
    }

    [Fact]
    public async Task UserAndSessionCredentials_FillTheAuthDict()
    {
        await using var site = RecordingSite.WithInfo(_ => CannedResponse.Results("true"));
        using var pool = new ShotgunConnectionPool(Options(site));

        await pool.Connect(ShotgunCredentials.User("jane", "pw", "123456")).DeleteAsync("Shot", 1);
        await pool.Connect(ShotgunCredentials.SessionToken("tok")).DeleteAsync("Shot", 1);

        AssertJson("""{"user_login":"jane","user_password":"pw","auth_token":"123456"}""", site.Calls[0].Params[0]!);
        AssertJson("""{"session_token":"tok","reject_if_expired":true}""", site.Calls[1].Params[0]!);
    }

    [Fact]
    public async Task Site_WithPathPrefix_KeepsThePrefix()
    {
        await using var site = RecordingSite.WithInfo(_ => Page(false));
        using var client = new ShotgunClient(new ShotgunClientOptions { Site = site.BaseUrl + "studio" }, ShotgunCredentials.Script("test", Key));

        await client.InfoAsync();

        Assert.Equal("/studio/api3/json", Assert.Single(site.Requests).Target);
    }

    [Fact]
    public async Task Proxy_HostAndPort_SendsTheAbsoluteSiteAddressToTheProxy()
    {
        // The recording site plays the proxy: the site name does not resolve, so only a proxied request can succeed.
        await using var proxy = RecordingSite.WithInfo(_ => Page(false));
        using var client = new ShotgunClient(
            new ShotgunClientOptions { Site = "http://sg.example.invalid", Proxy = $"127.0.0.1:{proxy.Port}", MaxRetries = 0 },
            ShotgunCredentials.Script("test", Key));

        await client.FindAsync("Shot", null, ["id"]);

        Assert.Equal(["http://sg.example.invalid/api3/json", "http://sg.example.invalid/api3/json"], proxy.Requests.Select(r => r.Target));
        Assert.Equal("sg.example.invalid", proxy.Requests.First().Headers["Host"]);
    }

    [Fact]
    public async Task Fault_102_IsAnAuthenticationFaultWithTheEchoedKeyScrubbed()
    {
        await using var site = RecordingSite.WithInfo(_ => CannedResponse.Json($$"""{"exception":true,"message":"Can't authenticate script 'test' with key {{Key}}","error_code":102}"""));
        using var client = Connect(site);

        var ex = await Assert.ThrowsAsync<AuthenticationFault>(() => client.DeleteAsync("Shot", 1));

        Assert.Equal(102, ex.ErrorCode);
        Assert.Equal("delete", ex.Method);
        Assert.Equal("Can't authenticate script 'test' with key ***", ex.Message);
        Assert.DoesNotContain(Key, ex.ToString());
    }

    [Fact]
    public async Task Fault_OtherCode_IsAShotgunFaultWithTheCode()
    {
        await using var site = RecordingSite.WithInfo(_ => CannedResponse.Json("""{"exception":true,"message":"API read() Shot.foo doesn't exist.","error_code":103}"""));
        using var client = Connect(site);

        var ex = await Assert.ThrowsAsync<ShotgunFault>(() => client.FindAsync("Shot", Filter.Is("foo", 1), ["id"]));

        Assert.IsNotType<AuthenticationFault>(ex);
        Assert.Equal(103, ex.ErrorCode);
        Assert.Equal("API read() Shot.foo doesn't exist.", ex.Message);
        Assert.Single(site.Calls); // never retried
    }

    [Fact]
    public async Task NonJsonContentType_IsAProtocolError()
    {
        await using var site = RecordingSite.WithInfo(_ => new CannedResponse(200, "<html>maintenance</html>", "text/html"));
        using var client = Connect(site);

        var ex = await Assert.ThrowsAsync<ProtocolError>(() => client.DeleteAsync("Shot", 1));

        Assert.Null(ex.StatusCode);
        Assert.Contains("text/html", ex.Message);
        Assert.Contains("maintenance", ex.Message);
    }

    [Fact]
    public async Task Http403_IsAProtocolErrorWithTheBodyAndIsNotRetried()
    {
        await using var site = RecordingSite.WithInfo(_ => new CannedResponse(403, "Forbidden by policy", "text/plain"));
        using var client = Connect(site);

        var ex = await Assert.ThrowsAsync<ProtocolError>(() => client.DeleteAsync("Shot", 1));

        Assert.Equal(403, ex.StatusCode);
        Assert.Contains("Forbidden by policy", ex.Message);
        Assert.Single(site.Calls);
    }

    [Fact]
    public async Task ErrorBody_EchoingTheKeyAcrossTheSnippetCut_LeavesNoPartOfIt()
    {
        await using var site = RecordingSite.WithInfo(_ => new CannedResponse(403, new string('x', 190) + Key + " trailing", "text/plain"));
        using var client = Connect(site);

        var ex = await Assert.ThrowsAsync<ProtocolError>(() => client.DeleteAsync("Shot", 1));

        Assert.DoesNotContain(Key[..8], ex.Message);
        Assert.Contains("xxx***", ex.Message);
    }

    [Fact]
    public async Task Http429_WithRetryAfterDate_WaitsUntilThatDate()
    {
        var notices = new List<ShotgunRetryNotice>();
        var calls = 0;
        await using var site = RecordingSite.WithInfo(_ => Interlocked.Increment(ref calls) == 1
            ? new CannedResponse(429, "slow down", "text/plain", new Dictionary<string, string> { ["Retry-After"] = "Wed, 21 Oct 2015 07:28:00 GMT" })
            : CannedResponse.Results("true"));
        var time = new FakeTimeProvider(new DateTimeOffset(2015, 10, 21, 7, 27, 57, TimeSpan.Zero));
        using var client = new ShotgunClient(
            new ShotgunClientOptions { Site = site.BaseUrl, TimeProvider = time, OnRetry = notices.Add },
            ShotgunCredentials.Script("test", Key));

        var delete = client.DeleteAsync("Shot", 1);
        await Eventually.TrueAsync(() => notices.Count == 1, "the retry notice");
        var waited = await time.AdvanceUntilDoneAsync(delete, TimeSpan.FromMilliseconds(500), "the retried delete");

        Assert.True(await delete);
        Assert.True(waited >= TimeSpan.FromSeconds(3), $"answered after {waited} on the client clock, before the Retry-After date");
        Assert.Equal(TimeSpan.FromSeconds(3), notices[0].Delay);
        Assert.Equal("HTTP 429", notices[0].Reason);
    }

    private static ShotgunClientOptions Options(RecordingSite site) => new()
    {
        Site = site.BaseUrl,
        Timeout = TimeSpan.FromSeconds(10),
        RetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(5),
    };

    private static ShotgunClient Connect(RecordingSite site) => new(Options(site), ShotgunCredentials.Script("test", Key));

    private static CannedResponse Page(bool hasNext, params string[] entities) =>
        CannedResponse.Results("{\"entities\":[" + string.Join(",", entities) + "],\"paging_info\":{\"has_next_page\":" + (hasNext ? "true" : "false") + "}}");

    /// <summary>Pages of ids 1..2*pages (two per page, the page size these tests advertise).</summary>
    private static CannedResponse PageOf(RecordedRequest request, int pages)
    {
        var paging = request.Params[1]!["paging"]!;
        var page = paging.Value<int>("current_page");
        var size = paging.Value<int>("entities_per_page");
        var first = ((page - 1) * size) + 1;
        var ids = Enumerable.Range(first, size).Where(id => id <= pages * 2);
        return Page(page < pages, ids.Select(id => "{\"type\":\"Shot\",\"id\":" + id + "}").ToArray());
    }

    private static void AssertJson(string expected, JToken actual)
    {
        using var reader = new JsonTextReader(new StringReader(expected)) { DateParseHandling = DateParseHandling.None };
        var want = JToken.Load(reader);
        Assert.True(JToken.DeepEquals(want, actual), $"expected {want.ToString(Formatting.None)}\n  actual {actual.ToString(Formatting.None)}");
    }
}
