using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Kap.Application.Tests.Notifications;

internal sealed class TestHostEnvironment(string root) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Testing";
    public string ApplicationName { get; set; } = "Kap.Tests";
    public string ContentRootPath { get; set; } = root;
    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
