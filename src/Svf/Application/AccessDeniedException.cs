namespace Svf.Application;

public sealed class AccessDeniedException(string message) : Exception(message);
