using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ServiceDefaults;

/// <summary>The settings of one configuration section (<see cref="Section"/>), as a typed class whose
/// members' DataAnnotations say what a valid value is.</summary>
public interface ISettings
{
    static abstract string Section { get; }
}

/// <summary>Every setting a process reads is bound once from its section and checked when the process
/// starts: a missing or malformed value stops it at once with a message naming the key
/// (<c>Filing:VerificationPage is required: …</c>) instead of surfacing in production. In a member's
/// message <c>{0}</c> is that key; rules across members are the class's own
/// (<see cref="IValidatableObject"/>).</summary>
public static class Settings
{
    /// <summary>Binds <typeparamref name="T"/> to its section for <c>IOptions&lt;T&gt;</c> and checks it at start.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services) where T : class, ISettings
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, Checks<T>>());
        return services.AddOptions<T>().BindConfiguration(T.Section).ValidateOnStart();
    }

    /// <summary>For what is needed while configuration itself is still being built (the Dapr secret
    /// store), before any option can be: bound and checked at once.</summary>
    public static T Read<T>(IConfiguration configuration) where T : class, ISettings, new()
    {
        var settings = configuration.GetSection(T.Section).Get<T>() ?? new T();
        var failures = Failures(settings);
        return failures.Count == 0 ? settings : throw new OptionsValidationException(T.Section, typeof(T), failures);
    }

    /// <summary>The configuration key of a member: <c>Filing:VerificationPage</c>.</summary>
    public static string Key<T>(string member) where T : ISettings => $"{T.Section}:{member}";

    static List<string> Failures<T>(T settings) where T : class, ISettings
    {
        var results = new List<ValidationResult>();
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            Validator.TryValidateProperty(property.GetValue(settings),
                new ValidationContext(settings) { MemberName = property.Name, DisplayName = Key<T>(property.Name) }, results);
        if (settings is IValidatableObject whole) results.AddRange(whole.Validate(new ValidationContext(settings)));
        return results.Select(r => r.ErrorMessage ?? $"{T.Section} is not valid.").ToList();
    }

    sealed class Checks<T> : IValidateOptions<T> where T : class, ISettings
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            Failures(options) is { Count: > 0 } failures ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}

/// <summary>An absolute http or https address (a relative path, or a <c>file:</c> one, is not).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HttpAddressAttribute() : ValidationAttribute("{0} must be an absolute http or https address.")
{
    public override bool IsValid(object? value) => value is null || (value is string text && IsHttpAddress(text));

    public static bool IsHttpAddress(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

/// <summary>A duration longer than zero (or zero too, where <see cref="ZeroAllowed"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DurationAttribute : ValidationAttribute
{
    public bool ZeroAllowed { get; set; }

    public override bool IsValid(object? value) => value is not TimeSpan span || span > TimeSpan.Zero || (ZeroAllowed && span == TimeSpan.Zero);

    public override string FormatErrorMessage(string name) => ZeroAllowed ? $"{name} must not be negative." : $"{name} must be longer than zero.";
}
