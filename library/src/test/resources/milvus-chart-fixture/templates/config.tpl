{{- /*
The Milvus configuration the chart generates as default.yaml, reduced to the settings the library's
profiles depend on. Like the chart it reads values that only the etcd and MinIO sub-charts define
(etcd.clusterDomain, minio.tls.enabled), so disabling a sub-chart without setting them fails here.
*/ -}}
{{- define "milvus.config" -}}
{{- $etcdReleaseName := "" -}}
{{- if contains .Values.etcd.name .Release.Name }}
  {{- $etcdReleaseName = printf "%s" .Release.Name -}}
{{- else }}
  {{- $etcdReleaseName = printf "%s-%s" .Release.Name .Values.etcd.name -}}
{{- end }}
etcd:
  endpoints:
{{- range $i := until (.Values.etcd.replicaCount | int) }}
  - {{ $etcdReleaseName }}-{{ $i }}.{{ $etcdReleaseName }}-headless.{{ $.Release.Namespace }}.svc.{{ $.Values.etcd.clusterDomain }}:{{ $.Values.etcd.service.port }}
{{- end }}

metastore:
  type: etcd

minio:
{{- if contains .Values.minio.name .Release.Name }}
  address: {{ .Release.Name }}
{{- else }}
  address: {{ .Release.Name }}-{{ .Values.minio.name }}
{{- end }}
  port: {{ .Values.minio.service.port }}
  accessKeyID: {{ .Values.minio.accessKey }}
  secretAccessKey: {{ .Values.minio.secretKey }}
  useSSL: {{ .Values.minio.tls.enabled }}
  bucketName: {{ .Values.minio.bucketName }}
  rootPath: {{ .Values.minio.rootPath }}
  useIAM: {{ .Values.minio.useIAM }}
  useVirtualHost: {{ .Values.minio.useVirtualHost }}

{{- if .Values.pulsarv3.enabled }}

mq:
  type: pulsar

messageQueue: pulsar

pulsar:
  address: {{ .Release.Name }}-{{ .Values.pulsarv3.name }}-proxy
  port: 6650
{{- end }}

{{- if not .Values.cluster.enabled }}
{{- if or (eq .Values.standalone.messageQueue "rocksmq") (eq .Values.standalone.messageQueue "natsmq") (eq .Values.standalone.messageQueue "woodpecker") }}

mq:
  type: {{ include "milvus.standalone.messageQueue" . }}

messageQueue: {{ include "milvus.standalone.messageQueue" . }}
{{- end }}
{{- end }}

rootCoord:
{{- if .Values.cluster.enabled }}
  address: {{ template "milvus.fullname" . }}-rootcoord
{{- else }}
  address: localhost
{{- end }}
  port: 53100

proxy:
  port: 19530
  internalPort: 19529

log:
  level: {{ .Values.log.level }}

woodpecker:
  storage:
    type: {{ .Values.streaming.woodpecker.storage.type }}
{{- if .Values.cluster.enabled }}
    rootPath: /woodpecker/data
{{- else }}
    rootPath: /var/lib/milvus/wp
{{- end }}
{{- end }}
