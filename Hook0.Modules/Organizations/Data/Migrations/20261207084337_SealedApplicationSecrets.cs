using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Organizations.Data.Migrations
{
    /// <inheritdoc />
    public partial class SealedApplicationSecrets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_application_secret",
                schema: "iam",
                table: "application_secret");

            migrationBuilder.AlterColumn<Guid>(
                name: "token",
                schema: "iam",
                table: "application_secret",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "application_secret_id",
                schema: "iam",
                table: "application_secret",
                type: "uuid",
                nullable: false,
                defaultValueSql: "gen_random_uuid()");

            migrationBuilder.AddColumn<string>(
                name: "sealed_token",
                schema: "iam",
                table: "application_secret",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "token_hash",
                schema: "iam",
                table: "application_secret",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "pk_application_secret",
                schema: "iam",
                table: "application_secret",
                column: "application_secret_id");

            migrationBuilder.CreateIndex(
                name: "ix_application_secret_token_hash",
                schema: "iam",
                table: "application_secret",
                column: "token_hash",
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "application_secret_sealed_chk",
                schema: "iam",
                table: "application_secret",
                sql: "token IS NOT NULL OR (token_hash IS NOT NULL AND sealed_token IS NOT NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_application_secret",
                schema: "iam",
                table: "application_secret");

            migrationBuilder.DropIndex(
                name: "ix_application_secret_token_hash",
                schema: "iam",
                table: "application_secret");

            migrationBuilder.DropCheckConstraint(
                name: "application_secret_sealed_chk",
                schema: "iam",
                table: "application_secret");

            migrationBuilder.DropColumn(
                name: "application_secret_id",
                schema: "iam",
                table: "application_secret");

            migrationBuilder.DropColumn(
                name: "sealed_token",
                schema: "iam",
                table: "application_secret");

            migrationBuilder.DropColumn(
                name: "token_hash",
                schema: "iam",
                table: "application_secret");

            migrationBuilder.AlterColumn<Guid>(
                name: "token",
                schema: "iam",
                table: "application_secret",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "pk_application_secret",
                schema: "iam",
                table: "application_secret",
                column: "token");
        }
    }
}
