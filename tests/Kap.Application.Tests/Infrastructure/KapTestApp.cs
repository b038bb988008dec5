using System.Security.Claims;
using Kap.Application;
using Kap.Application.Common.Identity;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Security;
using Kap.Infrastructure;
using Kap.Infrastructure.Persistence;
using Kap.Web;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Kap.Application.Tests.Infrastructure;

/// <summary>
/// The application as production composes it (AddApplication, AddInfrastructure, the Mediator pipeline
/// from Kap.Web) over a fresh SQLite database file, with a settable signed-in user and a fake clock.
/// </summary>
public sealed class KapTestApp : IAsyncDisposable
{
    private readonly string _directory;
    private readonly ServiceProvider _services;

    private KapTestApp(string directory, ServiceProvider services)
    {
        _directory = directory;
        _services = services;
    }

    public static readonly DateTimeOffset Now = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Now);

    public TestCurrentUser CurrentUser { get; } = new();

    public CapturingInvitationSender Invitations { get; } = new();

    public FaultInjector Faults { get; } = new();

    public CapturingEmailSender Emails { get; } = new();

    public IServiceProvider Services => _services;

    public string DataDirectory => _directory;

    private bool OwnsDirectory { get; init; } = true;

    /// <param name="sharedDirectory">Another app's data folder, to run two instances on one SQLite file.</param>
    public static async Task<KapTestApp> CreateAsync(Dictionary<string, string?>? settings = null, string? sharedDirectory = null)
    {
        var directory = sharedDirectory ?? Path.Combine(Path.GetTempPath(), "kap-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = directory,
            ["Clinic:TimeZone"] = "America/New_York",
            ["Clinic:MinimumPatientAge"] = "18",
            ["Kap:SeedDemoData"] = "false",
        };
        foreach (var (k, v) in settings ?? [])
        {
            values[k] = v;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var holder = new Holder();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        var environment = new TestHostEnvironment(directory);
        services.AddSingleton<IHostEnvironment>(environment);
        services.AddApplication(configuration);
        services.AddInfrastructure(configuration, environment);
        services.AddKapMediator();
        // Test users need no production-strength hashing; it would dominate the run time.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
        services.ConfigureDbContext<KapDbContext>((_, o) => o.AddInterceptors(holder.App!.Faults));
        services.AddSingleton<TimeProvider>(_ => holder.App!.Clock);
        services.AddSingleton<ICurrentUser>(_ => holder.App!.CurrentUser);
        services.AddSingleton<IInvitationSender>(_ => holder.App!.Invitations);
        services.AddSingleton<IEmailSender>(_ => holder.App!.Emails);
        services.AddSingleton<IAppLinks, TestLinks>();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var app = new KapTestApp(directory, provider) { OwnsDirectory = sharedDirectory is null };
        holder.App = app;
        await DatabaseInitializer.InitializeAsync(provider);
        return app;
    }

    /// <summary>Sends a message through the real pipeline as the current user, in its own DI scope (like one circuit event).</summary>
    public async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> message)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(message);
    }

    public async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> message)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(message);
    }

    public async Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> message)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(message);
    }

    /// <summary>A fresh context for assertions, outside the pipeline.</summary>
    public KapDbContext Db() => _services.GetRequiredService<IDbContextFactory<KapDbContext>>().CreateDbContext();

    public async Task<Guid> CreateUserAsync(string role, string name, string? email = null)
    {
        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KapUser>>();
        var user = new KapUser { UserName = email ?? $"{Guid.NewGuid():N}@staff.test", DisplayName = name };
        user.Email = user.UserName;
        var created = await users.CreateAsync(user, "correct horse battery staple");
        Assert.True(created.Succeeded, string.Join(";", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }

    /// <summary>Signs in as Kap's staff really are signed in: password and authenticator app (the <c>amr</c> = <c>mfa</c> claim).</summary>
    public void SignInAs(Guid userId, params string[] roles) => CurrentUser.Set(userId, roles);

    /// <summary>A sign-in with the password only, before the authenticator app is confirmed.</summary>
    public void SignInWithPasswordOnly(Guid userId, params string[] roles) => CurrentUser.Set(userId, roles, secondFactor: false);

    public void SignOut() => CurrentUser.Clear();

    public void SignInAsSystem() => CurrentUser.Set(SystemPrincipal.Id, KapRoles.System);

    /// <summary>One pass of the reminder dispatcher, as the Hangfire job runs it.</summary>
    public async Task<int> DispatchAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Kap.Application.Features.Reminders.DispatchReminders.ReminderDispatcher>().DispatchDueAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!OwnsDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private sealed class Holder
    {
        public KapTestApp? App { get; set; }
    }

    private sealed class TestLinks : IAppLinks
    {
        public Uri Invitation(string token) => new("http://kap.test/account/invitation?token=" + token);
    }

    private sealed class TestHostEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "Kap.Tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

public sealed class TestCurrentUser : ICurrentUser
{
    private ClaimsPrincipal _principal = new(new ClaimsIdentity());

    public ValueTask<ClaimsPrincipal> GetPrincipalAsync() => ValueTask.FromResult(_principal);

    public void Set(Guid userId, params string[] roles) => Set(userId, roles, secondFactor: true);

    public void Set(Guid userId, string[] roles, bool secondFactor)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId.ToString()), new(ClaimTypes.Name, $"user-{userId:N}") };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (secondFactor)
        {
            claims.Add(new Claim(StaffSecondFactorRequirement.ClaimType, StaffSecondFactorRequirement.ClaimValue));
        }

        _principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"));
    }

    public void Clear() => _principal = new ClaimsPrincipal(new ClaimsIdentity());
}

/// <summary>Keeps sent emails; can be told to fail, like an SMTP server that is down.</summary>
public sealed class CapturingEmailSender : IEmailSender
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<EmailMessage> _sent = new();

    public IReadOnlyCollection<EmailMessage> Sent => _sent;

    public Exception? FailWith { get; set; }

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        if (FailWith is { } failure)
        {
            throw failure;
        }

        _sent.Enqueue(message);
        return Task.CompletedTask;
    }
}

public sealed class CapturingInvitationSender : IInvitationSender
{
    public List<(string Email, string Name, Uri Link)> Sent { get; } = [];

    public Task SendAsync(string email, string displayName, Uri link, CancellationToken cancellationToken)
    {
        Sent.Add((email, displayName, link));
        return Task.CompletedTask;
    }
}

/// <summary>Makes the next INSERT into a table fail, to prove that a command rolls back as a whole; keeps the commands it saw.</summary>
public sealed class FaultInjector : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _commands = new();
    private string? _table;

    /// <summary>The text of every command run so far (to prove that something did not query the database).</summary>
    public IReadOnlyCollection<string> Commands => _commands;

    public void FailNextInsertInto(string table) => _table = table;

    public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
        System.Data.Common.DbCommand command,
        Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
        Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> NonQueryExecutingAsync(
        System.Data.Common.DbCommand command,
        Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
        Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Check(System.Data.Common.DbCommand command)
    {
        _commands.Enqueue(command.CommandText);
        if (_table is { } table && command.CommandText.Contains($"INSERT INTO \"{table}\"", StringComparison.Ordinal))
        {
            _table = null;
            throw new InvalidOperationException("Injected fault on insert into " + table);
        }
    }
}
