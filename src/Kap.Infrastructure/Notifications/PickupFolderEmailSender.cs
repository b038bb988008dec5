using Kap.Application.Common.Interfaces;
using Kap.Infrastructure.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Kap.Infrastructure.Notifications;

/// <summary>
/// Without an SMTP server (development, demos), each message becomes an RFC 5322 .eml file in
/// {Database:DataDirectory}/mail-pickup/, which any mail client opens. The log names the file, never the recipient.
/// </summary>
public sealed class PickupFolderEmailSender(
    IOptions<DatabaseOptions> database,
    IOptions<SmtpOptions> smtp,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<PickupFolderEmailSender> logger) : IEmailSender
{
    public const string FolderName = "mail-pickup";

    /// <summary>The folder, with a relative data directory resolved against the content root (like the SQLite file).</summary>
    public string Folder
    {
        get
        {
            var root = database.Value.DataDirectory;
            return Path.Combine(Path.IsPathRooted(root) ? root : Path.Combine(environment.ContentRootPath, root), FolderName);
        }
    }

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var folder = Folder;
        Directory.CreateDirectory(folder);
        var now = clock.GetUtcNow();
        var from = smtp.Value.FromAddress is { Length: > 0 } address ? address : MimeMessages.DevelopmentFromAddress;
        using var mime = MimeMessages.Create(message, from, smtp.Value.FromName, now);

        var file = Path.Combine(folder, $"{now:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        var partial = file + ".tmp";
        // RFC 5322 wants CRLF line ends whatever the platform writes by default.
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        await mime.WriteToAsync(format, partial, cancellationToken);
        // Written under another name first, so nothing watching the folder sees half a message.
        File.Move(partial, file);
        logger.LogInformation("Email written to the pickup folder: {File}", file);
    }
}
