namespace Kap.Application.Common.Operations;

/// <summary>Marks a query that reads health information: the pipeline audits it like a command.</summary>
public interface IReadsHealthInformation
{
}
