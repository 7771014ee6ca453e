using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Organizations.Data.Migrations
{
    /// <summary>
    /// Every organization gets its system application, which is now created with the organization
    /// (ADR 0015): organizations created before had one only once someone read their operational
    /// webhooks. Runs under the migrator's advisory lock; the partial unique index keeps it at one.
    /// Their operational event types are added at start-up (Delivery's OperationalEventTypesBackfill).
    /// </summary>
    public partial class SystemApplicationPerOrganization : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                INSERT INTO iam.application (application_id, organization_id, name, created_at, is_system)
                SELECT gen_random_uuid(), o.organization_id, 'Hook0 operational events', now(), true
                FROM iam.organization o
                WHERE NOT EXISTS (SELECT 1 FROM iam.application a WHERE a.organization_id = o.organization_id AND a.is_system AND a.deleted_at IS NULL)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Kept: the system applications are valid under the previous version too (it created them on first read).
        }
    }
}
