using ShotgunEvents.Daemon.Plugins;

namespace ShotgunEvents.Tests.Daemon.Plugins;

/// <summary>A plugin collection over a temp directory, with captured logs and recorded connections.</summary>
internal sealed class PluginTestHost : IAsyncDisposable
{
    public PluginTestHost(TempPluginDirectory directory, Action<PluginHostOptions>? configure = null, TimeProvider? time = null,
        PluginCompiler? compiler = null, bool useCache = false, NLog.LogLevel? capturedFrom = null)
    {
        Directory = directory;
        Logs = new LogCapture(capturedFrom);
        Options = new PluginHostOptions { LogFactory = Logs.Factory, CacheDirectory = useCache ? directory.Cache : null };
        configure?.Invoke(Options);
        Connections = new RecordingConnectionFactory();
        Compiler = compiler ?? new PluginCompiler(Options.CacheDirectory, Logs.Factory);
        Collection = new PluginCollection(directory.Plugins, Options, Compiler, Connections, time ?? TimeProvider.System);
    }

    public TempPluginDirectory Directory { get; }

    public LogCapture Logs { get; }

    public PluginHostOptions Options { get; }

    public RecordingConnectionFactory Connections { get; }

    public PluginCompiler Compiler { get; }

    public PluginCollection Collection { get; }

    public Plugin this[string name] => Collection.Plugins.Single(p => p.Name == name);

    public Plugin? Find(string name) => Collection.Plugins.SingleOrDefault(p => p.Name == name);

    public Task LoadAsync() => Collection.LoadAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Collection.DisposeAsync();
        Logs.Dispose();
    }
}
