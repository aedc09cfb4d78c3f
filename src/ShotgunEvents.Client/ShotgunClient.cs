using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Client.Transport;
using ShotgunEvents.Client.Wire;

namespace ShotgunEvents.Client;

/// <summary>
/// A connection to a site over the api3 JSON-RPC protocol (<c>POST &lt;site&gt;/api3/json</c>), authenticating with
/// one set of credentials. Safe to share between threads. Make many from one <see cref="ShotgunConnectionPool"/>;
/// the standalone constructor makes a private pool.
/// </summary>
/// <remarks>
/// Every call is retried on connection failures, timeouts and HTTP 429/502/503/504 (see
/// <see cref="ShotgunClientOptions"/>), writes included, as the Python API does: a create whose answer was lost can
/// therefore happen twice. A fault the site answered is never retried.
/// </remarks>
public sealed class ShotgunClient : IShotgun, IDisposable
{
    private const string EventLogEntry = "EventLogEntry";

    private readonly ShotgunConnectionPool _pool;
    private readonly ShotgunCredentials _credentials;
    private readonly SecretScrubber _scrubber;
    private readonly bool _ownsPool;

    /// <summary>A connection with its own pool; prefer <see cref="ShotgunConnectionPool.Connect"/> for many connections.</summary>
    /// <param name="options">The site and transport settings.</param>
    /// <param name="credentials">Script, user or session-token credentials.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public ShotgunClient(ShotgunClientOptions options, ShotgunCredentials credentials)
        : this(new ShotgunConnectionPool(options), credentials, ownsPool: true)
    {
    }

    internal ShotgunClient(ShotgunConnectionPool pool, ShotgunCredentials credentials, bool ownsPool)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _pool = pool;
        _credentials = credentials;
        _scrubber = pool.ScrubberFor(credentials);
        _ownsPool = ownsPool;
    }

    /// <inheritdoc />
    public string? SessionUuid { get; set; }

    /// <summary>A user login every call acts as (<c>sudo_as_login</c>); the script needs the permission. Null for none.</summary>
    public string? SudoAsLogin { get; set; }

    /// <summary>
    /// Raised before each retry of a call made through this connection (after the pool's
    /// <see cref="ShotgunClientOptions.OnRetry"/>): lets the caller see a site under pressure (429, 5xx) that the
    /// retries would otherwise hide. Handlers must be quick and must not throw.
    /// </summary>
    public event Action<ShotgunRetryNotice>? Retrying;

    /// <summary>The api3 endpoint.</summary>
    public Uri Endpoint => _pool.Endpoint;

    /// <summary>Who this connection authenticates as (never the key or password).</summary>
    public string Identity => _credentials.Description;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Entity>> FindAsync(string entityType, Filter? filters, IEnumerable<string>? fields, FindOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FindOptions();
        ReadParams.Validate(entityType, options);
        var pageSize = (await _pool.GetSiteInfoAsync(cancellationToken).ConfigureAwait(false)).PageSize;
        var limit = options.Limit;
        var page = options.Page;
        var read = ReadParams.Build(entityType, filters, fields, options, limit > 0 && limit <= pageSize ? limit : pageSize);
        if (limit > 0 && limit <= pageSize && page == 0)
        {
            page = 1;
        }

        // One page asked for (or enough to fit one): a single call, without paging info (protocol §2.5).
        if (page != 0)
        {
            read["return_paging_info"] = false;
            read["paging"]!["current_page"] = page;
            var single = await CallAsync("read", read, cancellationToken).ConfigureAwait(false);
            return RecordParser.ToEntities(single["entities"], "read");
        }

        read["return_paging_info_without_counts"] = true;
        var records = new List<Entity>();
        for (var current = 1; ; current++)
        {
            read["paging"]!["current_page"] = current;
            var result = await CallAsync("read", read, cancellationToken).ConfigureAwait(false);
            var entities = RecordParser.ToEntities(result["entities"], "read");
            records.AddRange(entities);
            if (limit > 0 && records.Count >= limit)
            {
                return records.GetRange(0, limit);
            }

            // An empty page ends the loop whatever the paging info says, so a confused server cannot spin us forever.
            if (entities.Count == 0 || !HasNextPage(result, entities.Count, pageSize))
            {
                return records;
            }
        }
    }

    /// <summary>
    /// <see cref="FindAsync"/> on <c>EventLogEntry</c>, the same calls and paging, with each page read by the streaming
    /// <see cref="EventPageReader"/> straight into events: the engine's reads, where no row needs a <c>JObject</c>
    /// unless a plugin asks for <see cref="ShotgunEvent.Raw"/> or <see cref="ShotgunEvent.Meta"/>.
    /// </summary>
    /// <exception cref="FormatException">A row is not a readable event (as <see cref="ShotgunEvent.FromJson"/>).</exception>
    internal async Task<IReadOnlyList<ShotgunEvent>> ReadEventsAsync(Filter? filters, IEnumerable<string> fields, FindOptions? options, CancellationToken cancellationToken)
    {
        options ??= new FindOptions();
        ReadParams.Validate(EventLogEntry, options);
        var pageSize = (await _pool.GetSiteInfoAsync(cancellationToken).ConfigureAwait(false)).PageSize;
        var limit = options.Limit;
        var page = options.Page;
        var read = ReadParams.Build(EventLogEntry, filters, fields, options, limit > 0 && limit <= pageSize ? limit : pageSize);
        if (limit > 0 && limit <= pageSize && page == 0)
        {
            page = 1;
        }

        if (page != 0)
        {
            read["return_paging_info"] = false;
            read["paging"]!["current_page"] = page;
            return (await ReadEventPageAsync(read, cancellationToken).ConfigureAwait(false)).Events;
        }

        read["return_paging_info_without_counts"] = true;
        var events = new List<ShotgunEvent>();
        for (var current = 1; ; current++)
        {
            read["paging"]!["current_page"] = current;
            var (rows, hasNext) = await ReadEventPageAsync(read, cancellationToken).ConfigureAwait(false);
            events.AddRange(rows);
            if (limit > 0 && events.Count >= limit)
            {
                return events.GetRange(0, limit);
            }

            if (rows.Count == 0 || !(hasNext ?? rows.Count >= pageSize))
            {
                return events;
            }
        }
    }

    /// <inheritdoc />
    public async Task<Entity> CreateAsync(string entityType, IReadOnlyDictionary<string, object?> data, IEnumerable<string>? returnFields = null, CancellationToken cancellationToken = default)
    {
        RequireType(entityType);
        var create = new JObject
        {
            ["type"] = entityType,
            ["fields"] = FieldList.From(data),
            ["return_fields"] = FieldList.ReturnFields(returnFields),
        };
        var result = await CallAsync("create", create, cancellationToken).ConfigureAwait(false);

        // The site answers with the record, or a one-element list of it.
        return RecordParser.ToEntity(result is JArray { Count: > 0 } list ? list[0] : result, "create");
    }

    /// <inheritdoc />
    public async Task<Entity> UpdateAsync(string entityType, int id, IReadOnlyDictionary<string, object?> data, IReadOnlyDictionary<string, MultiEntityUpdateMode>? multiEntityUpdateModes = null, CancellationToken cancellationToken = default)
    {
        RequireType(entityType);
        var update = new JObject
        {
            ["type"] = entityType,
            ["id"] = id,
            ["fields"] = FieldList.From(data, multiEntityUpdateModes),
        };
        var result = await CallAsync("update", update, cancellationToken).ConfigureAwait(false);
        return RecordParser.ToEntity(result is JArray { Count: > 0 } list ? list[0] : result, "update");
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string entityType, int id, CancellationToken cancellationToken = default) =>
        RetireOrReviveAsync("delete", entityType, id, cancellationToken);

    /// <inheritdoc />
    public Task<bool> ReviveAsync(string entityType, int id, CancellationToken cancellationToken = default) =>
        RetireOrReviveAsync("revive", entityType, id, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<JToken>> BatchAsync(IEnumerable<BatchRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var list = requests.ToArray();
        if (list.Length == 0)
        {
            return [];
        }

        var result = await CallAsync("batch", BatchWire.From(list), cancellationToken).ConfigureAwait(false);
        return result is JArray results
            ? results.ToArray()
            : throw new ProtocolError("batch", null, $"batch: expected a list of results, got {result.Type}.");
    }

    /// <inheritdoc />
    public async Task<JObject> SummarizeAsync(string entityType, Filter? filters, IEnumerable<SummaryField> summaryFields, IEnumerable<SummaryGrouping>? grouping = null, CancellationToken cancellationToken = default)
    {
        RequireType(entityType);
        ArgumentNullException.ThrowIfNull(summaryFields);
        var summarize = new JObject
        {
            ["type"] = entityType,
            ["filters"] = (filters ?? Filter.All()).ToWire(),
            ["summaries"] = new JArray(summaryFields.Select(s => new JObject { ["field"] = s.Field, ["type"] = s.Type })),
        };
        if (grouping is not null)
        {
            summarize["grouping"] = new JArray(grouping.Select(g => new JObject
            {
                ["field"] = g.Field,
                ["type"] = g.Type,
                ["direction"] = g.Descending ? "desc" : "asc",
            }));
        }

        return AsObject(await CallAsync("summarize", summarize, cancellationToken).ConfigureAwait(false), "summarize");
    }

    /// <inheritdoc />
    public async Task<JObject> SchemaReadAsync(EntityRef? project = null, CancellationToken cancellationToken = default)
    {
        var parameters = project is null ? null : new JObject { ["project"] = ProjectLink(project) };
        return AsObject(await CallAsync("schema_read", parameters, cancellationToken).ConfigureAwait(false), "schema_read");
    }

    /// <summary>api3 <c>schema_entity_read</c>: every entity type's display name and visibility, <c>{Type: {"name": {value}, "visible": {value}}}</c>.</summary>
    /// <param name="project">A project whose per-project names to read; null for the site's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The site's answer as it is.</returns>
    public async Task<JObject> SchemaEntityReadAsync(EntityRef? project = null, CancellationToken cancellationToken = default)
    {
        var parameters = project is null ? null : new JObject { ["project"] = ProjectLink(project) };
        return AsObject(await CallAsync("schema_entity_read", parameters, cancellationToken).ConfigureAwait(false), "schema_entity_read");
    }

    /// <inheritdoc />
    public async Task<JObject> SchemaFieldReadAsync(string entityType, string? fieldName = null, EntityRef? project = null, CancellationToken cancellationToken = default)
    {
        RequireType(entityType);
        var read = new JObject { ["type"] = entityType };
        if (fieldName is not null)
        {
            read["field_name"] = fieldName;
        }

        if (project is not null)
        {
            read["project"] = ProjectLink(project);
        }

        return AsObject(await CallAsync("schema_field_read", read, cancellationToken).ConfigureAwait(false), "schema_field_read");
    }

    /// <summary>Asks the site for a session token for this connection's identity (api3 <c>get_session_token</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The token; use it with <see cref="ShotgunCredentials.SessionToken"/>. Treat it as a secret.</returns>
    public async Task<string> GetSessionTokenAsync(CancellationToken cancellationToken = default)
    {
        var result = AsObject(await CallAsync("get_session_token", null, cancellationToken).ConfigureAwait(false), "get_session_token");
        return result.Value<string?>("session_id") is { Length: > 0 } token
            ? token
            : throw new ProtocolError("get_session_token", null, "get_session_token: the answer has no session_id.");
    }

    /// <summary>
    /// Calls an api3 method that has no typed wrapper here (<c>activity_stream_read</c>, <c>follow</c>, ...), with this
    /// connection's auth, retries and error mapping.
    /// </summary>
    /// <param name="method">The api3 method name, as the Python API sends it.</param>
    /// <param name="parameters">The method's parameters (the second element of <c>params</c>), or null for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The <c>results</c> of the answer, or the whole answer when it has none.</returns>
    public Task<JToken> CallMethodAsync(string method, JToken? parameters, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        return CallAsync(method, parameters, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<JObject> InfoAsync(CancellationToken cancellationToken = default) =>
        AsObject(await _pool.CallInfoAsync(cancellationToken).ConfigureAwait(false), "info");

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsPool)
        {
            _pool.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"ShotgunClient({Endpoint}, {Identity})";

    private async Task<bool> RetireOrReviveAsync(string method, string entityType, int id, CancellationToken cancellationToken)
    {
        RequireType(entityType);
        var result = await CallAsync(method, new JObject { ["type"] = entityType, ["id"] = id }, cancellationToken).ConfigureAwait(false);
        return result.Type == JTokenType.Boolean
            ? result.Value<bool>()
            : throw new ProtocolError(method, null, $"{method}: expected true or false, got {result.Type}.");
    }

    private Task<JToken> CallAsync(string method, JToken? parameters, CancellationToken cancellationToken) =>
        _pool.Transport.CallAsync(method, Parameters(parameters), _scrubber, cancellationToken, Retrying);

    private JArray Parameters(JToken? parameters)
    {
        var auth = _credentials.ToAuthParams();
        if (SessionUuid is { } session)
        {
            auth["session_uuid"] = session;
        }

        if (SudoAsLogin is { } sudo)
        {
            auth["sudo_as_login"] = sudo;
        }

        var list = new JArray(auth);
        if (parameters is not null)
        {
            list.Add(parameters);
        }

        return list;
    }

    private async Task<(IReadOnlyList<ShotgunEvent> Events, bool? HasNext)> ReadEventPageAsync(JObject read, CancellationToken cancellationToken)
    {
        using var reply = await _pool.Transport.CallForBodyAsync("read", Parameters(read), _scrubber, cancellationToken, Retrying).ConfigureAwait(false);
        if (EventPageReader.TryRead(reply) is { } page)
        {
            var streamed = new ShotgunEvent[page.Rows.Count];
            for (var i = 0; i < streamed.Length; i++)
            {
                streamed[i] = ShotgunEvent.FromWire(page.Rows[i]);
            }

            return (streamed, page.HasNextPage);
        }

        // Not a plain page: the JToken way gives the answer, or the error, exactly as FindAsync would.
        var result = _pool.Transport.ParseEnvelope("read", reply, _scrubber);
        var entities = RecordParser.ToEntities(result["entities"], "read");
        var events = entities.Select(e => ShotgunEvent.FromJson(e.Raw)).ToArray();
        return (events, result["paging_info"]?["has_next_page"] is { Type: JTokenType.Boolean } next ? next.Value<bool>() : null);
    }

    private static bool HasNextPage(JToken result, int count, int pageSize) =>
        result["paging_info"]?["has_next_page"] is { Type: JTokenType.Boolean } next
            ? next.Value<bool>()
            : count >= pageSize; // A server that sends no paging info: a full page may have a next one.

    private static JObject AsObject(JToken result, string method) => result as JObject
        ?? throw new ProtocolError(method, null, $"{method}: expected a JSON object in the answer, got {result.Type}.");

    private static JObject ProjectLink(EntityRef project) => new() { ["type"] = project.Type, ["id"] = project.Id };

    private static void RequireType(string entityType)
    {
        if (string.IsNullOrWhiteSpace(entityType))
        {
            throw new ArgumentException("The entity type is empty.", nameof(entityType));
        }
    }
}
