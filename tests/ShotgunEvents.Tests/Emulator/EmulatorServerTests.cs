using System.Net;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator;

public sealed class EmulatorServerTests
{
    [Fact]
    public async Task StartAsync_PortZero_ListensOnLoopbackWithARealPort()
    {
        await using var site = await TestSite.StartAsync();

        Assert.Equal("127.0.0.1", site.Server.BaseUri.Host);
        Assert.NotEqual(0, site.Server.BaseUri.Port);
        Assert.Equal(new Uri(site.Server.BaseUri, "api3/json"), site.Server.Api3Uri);
        var page = await site.Http.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("api3", page);
    }

    [Fact]
    public async Task Info_WithoutAuth_AnswersUnwrappedVersionAndPageSize()
    {
        await using var site = await TestSite.StartAsync();

        var info = await site.CallAsync("info");

        Assert.False(info.ContainsKey("results"));
        Assert.Equal(new[] { 8, 50, 0 }, info["version"]!.Values<int>());
        Assert.Equal(500, (int)info["api_max_entities_per_page"]!);
        Assert.Equal("default", (string?)info["user_authentication_method"]);
    }

    [Fact]
    public async Task Api3_UnknownMethod_AnswersErrorEnvelopeWithHttp200()
    {
        await using var site = await TestSite.StartAsync();

        var error = await site.FaultAsync("frobnicate", new JObject());

        Assert.Contains("frobnicate", (string?)error["message"]);
        Assert.Equal(103, (int)error["error_code"]!);
    }

    [Fact]
    public async Task Api3_BodyNotJson_AnswersErrorEnvelope()
    {
        await using var site = await TestSite.StartAsync();
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");

        using var response = await site.Http.PostAsync("api3/json", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = TestSite.Parse(await response.Content.ReadAsStringAsync());
        Assert.True((bool)body["exception"]!);
    }

    [Fact]
    public async Task Api3_Get_IsRefused()
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.Http.GetAsync("api3/json");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task StartAsync_BadHost_ThrowsNamingTheOption()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorServer.StartAsync(new EmulatorOptions { Host = "not a host" }));

        Assert.Contains("EmulatorOptions.Host", ex.Message);
    }

    [Fact]
    public async Task StartAsync_SchemaPathMissing_ThrowsNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-schema-{Guid.NewGuid():N}.json");

        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => EmulatorServer.StartAsync(new EmulatorOptions { SchemaPath = path }));

        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public async Task StartAsync_CustomSchemaFile_ServesOnlyItsTypes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"schema-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """
            {"entities": {
              "Widget": {"display_field": "code", "fields": {"id": {"type": "number", "editable": false}, "code": {"type": "text"}}},
              "EventLogEntry": {"fields": {"id": {"type": "number", "editable": false}, "event_type": {"type": "text"}}}
            }}
            """);
        try
        {
            await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { SchemaPath = path });

            var widget = server.Store.Create("Widget", new JObject { ["code"] = "w1" });
            Assert.Equal("w1", (string?)widget["code"]);
            Assert.Throws<EmulatorException>(() => server.Store.Create("Shot", new JObject()));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
