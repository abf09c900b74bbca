# Multi-stage build: the SDK image compiles and publishes, the runtime image only runs.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props DealTracker.sln ./
COPY DealTracker.Data/DealTracker.Data.csproj DealTracker.Data/
COPY DealTracker.Web/DealTracker.Web.csproj DealTracker.Web/
RUN dotnet restore DealTracker.Web/DealTracker.Web.csproj
COPY DealTracker.Data/ DealTracker.Data/
COPY DealTracker.Web/ DealTracker.Web/
RUN dotnet publish DealTracker.Web/DealTracker.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "DealTracker.Web.dll"]
