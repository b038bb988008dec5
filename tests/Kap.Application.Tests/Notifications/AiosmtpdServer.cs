using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Kap.Application.Tests.Notifications;

/// <summary>
/// A real SMTP server for the round trip: Debian's aiosmtpd (python3-aiosmtpd) with its Maildir handler, on a
/// free loopback port, killed on dispose. Every wait is bounded so a broken server fails the test instead of
/// hanging the run.
/// </summary>
public sealed class AiosmtpdServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly StringBuilder _output;

    private AiosmtpdServer(Process process, StringBuilder output, int port, string maildir)
    {
        _process = process;
        _output = output;
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }

    public string Maildir { get; }

    /// <summary>Starts the server, or skips the test when there is no Python with aiosmtpd (fails instead under KAP_E2E_REQUIRED=1).</summary>
    public static async Task<AiosmtpdServer> StartAsync(CancellationToken cancellationToken)
    {
        var python = await FindPythonAsync(cancellationToken);
        if (python is null)
        {
            const string reason = "No python3 with the aiosmtpd module (apt-get install -y python3-aiosmtpd); the SMTP round trip needs a real server.";
            if (Environment.GetEnvironmentVariable("KAP_E2E_REQUIRED") == "1")
            {
                Assert.Fail(reason + " KAP_E2E_REQUIRED=1, so this fails instead of skipping.");
            }

            Assert.Skip(reason);
        }

        var port = FreePort();
        var maildir = Path.Combine(Path.GetTempPath(), "kap-tests", "maildir-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(python)
        {
            // -n: do not try to drop to "nobody", which would fail as non-root and lose the maildir as root.
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PYTHONUNBUFFERED"] = "1";
        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AiosmtpdServer(process, output, port, maildir);
        try
        {
            await server.WaitUntilListeningAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The messages the server stored, waiting up to <paramref name="timeout"/> for <paramref name="expected"/> of them.</summary>
    public async Task<IReadOnlyList<MimeMessage>> ReceivedAsync(int expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Maildir, "new");
        var deadline = Stopwatch.StartNew();
        string[] files;
        do
        {
            files = Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
            if (files.Length >= expected)
            {
                break;
            }

            await Task.Delay(50, cancellationToken);
        }
        while (deadline.Elapsed < timeout);

        return files.Select(f => MimeMessage.Load(f)).ToList();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or not dead within the bound: nothing more a test can do.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Maildir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode} before listening:\n{Output}");
            }

            using var client = new TcpClient();
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, Port, attempt.Token);
                return;
            }
            catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        throw new TimeoutException($"aiosmtpd did not accept connections on port {Port} within {StartTimeout.TotalSeconds} s:\n{Output}");
    }

    /// <summary>
    /// Debian's package installs into the system Python, which is not always first on PATH (pyenv, venvs), so
    /// try it explicitly; KAP_PYTHON overrides.
    /// </summary>
    private static async Task<string?> FindPythonAsync(CancellationToken cancellationToken)
    {
        string?[] candidates = [Environment.GetEnvironmentVariable("KAP_PYTHON"), "/usr/bin/python3", "python3"];
        foreach (var candidate in candidates.OfType<string>().Where(c => c.Length > 0).Distinct())
        {
            if (await HasAiosmtpdAsync(candidate, cancellationToken))
            {
                return candidate;
            }
        }

        return null;
    }

    private static async Task<bool> HasAiosmtpdAsync(string python, CancellationToken cancellationToken)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(python)
            {
                ArgumentList = { "-c", "import aiosmtpd" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No such executable.
            return false;
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
