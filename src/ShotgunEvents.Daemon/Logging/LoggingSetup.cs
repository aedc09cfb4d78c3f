using System.Xml;
using System.Xml.Linq;
using NLog;
using NLog.Config;
using NLog.Targets;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// Turns the logging part of daemon.ini into a live NLog configuration: nlog.config (or its built-in twin when the
/// file is missing) with the paths and levels filled in, a secret-masking wrapper in front of every target, and the
/// mail-alert target when one is given.
/// </summary>
internal static class LoggingSetup
{
    /// <summary>The file name looked for next to the daemon's binary.</summary>
    public const string DefaultFileName = "nlog.config";

    /// <summary>The file targets <c>log_format = json</c> switches to JSON lines.</summary>
    public static readonly string[] JsonFileTargets = ["engineFile", "pluginFile", "timingFile"];

    /// <summary>Applies the options to <paramref name="factory"/> (the global <see cref="LogManager"/> by default).</summary>
    /// <param name="options">The logging options from daemon.ini.</param>
    /// <param name="nlogConfigPath">
    /// The nlog.config to load. Null looks for <see cref="DefaultFileName"/> next to the binary. A path that does not
    /// exist, or no file found, means the built-in configuration.
    /// </param>
    /// <param name="alertTarget">
    /// A target that receives every ERROR and CRITICAL event (the mail alerts), or null. It gets the first rule, so
    /// no <c>final</c> rule of the file can hide an error from it.
    /// </param>
    /// <param name="factory">The log factory to configure.</param>
    /// <returns>What was applied.</returns>
    /// <exception cref="LoggingSetupException">The file is broken, or the log path is not a directory.</exception>
    public static AppliedLogging Apply(LoggingOptions options, string? nlogConfigPath = null, Target? alertTarget = null,
        LogFactory? factory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        factory ??= LogManager.LogFactory;
        RegisterExtensions(factory);

        var variables = LoggingVariables.From(options);
        CreateDirectory(variables.LogDir);

        var file = nlogConfigPath ?? Path.Combine(AppContext.BaseDirectory, DefaultFileName);
        var fromFile = File.Exists(file);
        var config = fromFile
            ? LoadFile(file, variables, factory)
            : BuiltInLoggingConfiguration.Create(variables, factory);

        if (options.JsonFiles)
        {
            UseJsonLayout(config);
        }

        if (options.JsonFiles || options.JsonLines || options.ConsoleJson)
        {
            CallbackLogScope.Enabled = true;
        }

        WrapTargetsWithMasking(config);
        if (alertTarget is not null)
        {
            var alertRule = new LoggingRule("*", LogLevel.Error, LogLevel.Fatal, new SecretMaskingTargetWrapper(alertTarget))
            {
                RuleName = PluginLogLevels.AlertRuleName,
            };
            config.LoggingRules.Insert(0, alertRule);
        }

        factory.Configuration = config;
        return new AppliedLogging(config, fromFile ? Path.GetFullPath(file) : null, variables);
    }

    /// <summary>
    /// The JIT work of <see cref="Apply"/> without its effects: the shipped nlog.config (or the built-in configuration)
    /// parsed into a throwaway factory, with default variables, and every target's layout rendered once. No target
    /// is initialised, so no file or console is opened; the configuration is discarded.
    /// </summary>
    public static void WarmUp()
    {
        using var factory = new LogFactory();
        RegisterExtensions(factory);
        var variables = LoggingVariables.From(new LoggingOptions { LogPath = Path.GetTempPath() });
        var file = Path.Combine(AppContext.BaseDirectory, DefaultFileName);
        var config = File.Exists(file) ? LoadFile(file, variables, factory) : BuiltInLoggingConfiguration.Create(variables, factory);
        WrapTargetsWithMasking(config);
        var sample = new LogEventInfo(LogLevel.Info, "plugin.warm-up", System.Globalization.CultureInfo.InvariantCulture, "Warm-up line {0}", [1]);
        foreach (var target in config.AllTargets.OfType<TargetWithLayout>())
        {
            _ = target.Layout.Render(sample);
        }
    }

    /// <summary>Registers the layout renderers and the wrapper nlog.config refers to. Safe to call again.</summary>
    public static void RegisterExtensions(LogFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Setup().SetupExtensions(extensions => extensions
            .RegisterLayoutRenderer<PythonLevelLayoutRenderer>(PythonLevelLayoutRenderer.Name)
            .RegisterLayoutRenderer<PluginNameLayoutRenderer>(PluginNameLayoutRenderer.Name)
            .RegisterLayoutRenderer<CallbackNameLayoutRenderer>(CallbackNameLayoutRenderer.Name)
            .RegisterTarget<SecretMaskingTargetWrapper>(SecretMaskingTargetWrapper.TypeName)
            .RegisterTarget<DatedFileTarget>(DatedFileTarget.TypeName));
    }

    /// <summary>
    /// Loads nlog.config with the variables written into it before NLog parses it, so both <c>${var:x}</c> (read
    /// when a line is written) and <c>${x}</c> (replaced while parsing, the only form integer settings accept) see
    /// daemon.ini's values.
    /// </summary>
    private static LoggingConfiguration LoadFile(string path, LoggingVariables variables, LogFactory factory)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(path, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
        }
        catch (XmlException ex)
        {
            throw new LoggingSetupException($"{path}: not valid XML: {ex.Message}", ex);
        }

        var root = document.Root;
        if (root is null || root.Name.LocalName != "nlog")
        {
            throw new LoggingSetupException($"{path}: the root element must be <nlog>.");
        }

        var variableName = root.Name.Namespace + "variable";
        foreach (var (name, value) in variables.ToDictionary())
        {
            var element = root.Elements(variableName)
                .FirstOrDefault(e => string.Equals((string?)e.Attribute("name"), name, StringComparison.Ordinal));
            if (element is null)
            {
                root.AddFirst(new XElement(variableName, new XAttribute("name", name), new XAttribute("value", value)));
            }
            else
            {
                element.SetAttributeValue("value", value);
            }
        }

        var throwConfigExceptions = factory.ThrowConfigExceptions;
        try
        {
            // A broken file must stop the daemon with a message, not leave it running without logs.
            factory.ThrowConfigExceptions = true;
            using var reader = new StringReader(document.ToString(SaveOptions.DisableFormatting));
            return new XmlLoggingConfiguration(reader, path, factory);
        }
        catch (Exception ex) when (ex is NLogConfigurationException or XmlException or FormatException or ArgumentException)
        {
            throw new LoggingSetupException($"{path}: {Describe(ex)}", ex);
        }
        finally
        {
            factory.ThrowConfigExceptions = throwConfigExceptions;
        }
    }

    private static string Describe(Exception ex)
    {
        var messages = new List<string>();
        for (var current = ex; current is not null; current = current.InnerException)
        {
            if (!messages.Contains(current.Message))
            {
                messages.Add(current.Message);
            }
        }

        return string.Join(" ", messages);
    }

    private static void CreateDirectory(string directory)
    {
        if (File.Exists(directory))
        {
            throw new LoggingSetupException($"[daemon] logPath '{directory}' is a file; it must be a directory.");
        }

        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LoggingSetupException($"[daemon] logPath '{directory}' cannot be created: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// <c>log_format = json</c>: the engine, plugin and timing files get the JSON line layout. By target name, so an
    /// edited nlog.config keeps its file names, rotation and rules and changes only its line format.
    /// </summary>
    private static void UseJsonLayout(LoggingConfiguration config)
    {
        foreach (var name in JsonFileTargets)
        {
            if (config.FindTargetByName(name) is TargetWithLayout target)
            {
                target.Layout = LogLayouts.JsonLine(withHost: true);
            }
        }
    }

    /// <summary>Puts a <see cref="SecretMaskingTargetWrapper"/> in front of every target a rule writes to.</summary>
    private static void WrapTargetsWithMasking(LoggingConfiguration config)
    {
        var wrappers = new Dictionary<Target, Target>(ReferenceEqualityComparer.Instance);
        foreach (var rule in config.LoggingRules)
        {
            for (var i = 0; i < rule.Targets.Count; i++)
            {
                var target = rule.Targets[i];
                if (target is SecretMaskingTargetWrapper)
                {
                    continue;
                }

                if (!wrappers.TryGetValue(target, out var wrapper))
                {
                    wrapper = new SecretMaskingTargetWrapper(target);
                    wrappers.Add(target, wrapper);
                }

                rule.Targets[i] = wrapper;
            }
        }

        foreach (var wrapper in wrappers.Values)
        {
            config.AddTarget(wrapper);
        }
    }
}
