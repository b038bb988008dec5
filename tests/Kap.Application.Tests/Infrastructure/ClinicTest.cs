namespace Kap.Application.Tests.Infrastructure;

/// <summary>A fresh application and database with the small test clinic, for each test.</summary>
public abstract class ClinicTest : IAsyncLifetime
{
#pragma warning disable CA1051 // test base: the fields read like the locals they replace
    protected KapTestApp _app = null!;
    protected Clinic _clinic = null!;
#pragma warning restore CA1051

    public async ValueTask InitializeAsync()
    {
        _app = await KapTestApp.CreateAsync();
        _clinic = await Clinic.CreateAsync(_app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
