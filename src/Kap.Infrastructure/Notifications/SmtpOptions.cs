using Microsoft.Extensions.Options;
using MimeKit;

namespace Kap.Infrastructure.Notifications;

/// <summary>How the SMTP connection is secured. Maps one-to-one onto MailKit's <c>SecureSocketOptions</c>.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text. Only for a relay on the same host or a trusted network (e.g. a local test server).</summary>
    None,

    /// <summary>Connect in plain text, then require STARTTLS (usually port 587). Fails if the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte ("implicit TLS", usually port 465).</summary>
    SslOnConnect,

    /// <summary>
    /// MailKit decides: TLS on connect for port 465, otherwise STARTTLS when the server offers it — and plain
    /// text when it does not, which is why it is not the default.
    /// </summary>
    Auto,
}

/// <summary>appsettings "Smtp". Without a Host, email goes to the development pickup folder instead.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>The SMTP server. Empty switches SMTP off: messages are written to {Database:DataDirectory}/mail-pickup/.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>
    /// StartTls by default because 587 with STARTTLS is what mail providers offer for submission. Port 465
    /// needs <see cref="SmtpSecurity.SslOnConnect"/> (or Auto); the default does not switch by itself, so that
    /// what is configured is what happens.
    /// </summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Authenticate only when set; an open relay needs neither this nor the password.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address, e.g. kap@clinic.example. Required when Host is set.</summary>
    public string FromAddress { get; set; } = "";

    public string FromName { get; set; } = "Kap";

    /// <summary>Per network operation (connect, each command), so a dead server cannot hold a request for long.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>Start-up checks with messages that name the setting to fix.</summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled)
        {
            if (string.IsNullOrWhiteSpace(options.FromAddress))
            {
                failures.Add("Smtp:FromAddress is required when Smtp:Host is set (the address Kap sends from, e.g. kap@clinic.example).");
            }
            else if (!MailboxAddress.TryParse(options.FromAddress, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
            {
                failures.Add($"Smtp:FromAddress '{options.FromAddress}' is not an email address (e.g. kap@clinic.example).");
            }
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Smtp:Port must be between 1 and 65535 (was {options.Port}).");
        }

        if (options.TimeoutSeconds is < 1 or > 600)
        {
            failures.Add($"Smtp:TimeoutSeconds must be between 1 and 600 (was {options.TimeoutSeconds}).");
        }

        if (!Enum.IsDefined(options.Security))
        {
            failures.Add("Smtp:Security must be None, StartTls, SslOnConnect or Auto.");
        }

        if (string.IsNullOrEmpty(options.UserName) && !string.IsNullOrEmpty(options.Password))
        {
            // A password without a user name is never used; saying so beats silently sending unauthenticated.
            failures.Add("Smtp:Password is set but Smtp:UserName is empty; set both to authenticate, or neither.");
        }

        return failures.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(failures);
    }
}
