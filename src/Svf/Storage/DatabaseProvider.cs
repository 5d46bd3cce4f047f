namespace Svf.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
