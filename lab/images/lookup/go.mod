module milvusmonitored.lab/lookup

go 1.26.0
